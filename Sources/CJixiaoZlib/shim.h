// zlib, for inflating the parts of .xlsx/.docx packages (OfficeXML's ZipInflater) and deflating the
// parts we write (OfficeXML's ZipDeflater).
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros; Swift cannot call them, so they are wrapped here.
static inline int jixiao_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

// Raw deflate (no zlib header: a zip entry holds the bare stream) at `level`, zlib's default memory.
static inline int jixiao_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
