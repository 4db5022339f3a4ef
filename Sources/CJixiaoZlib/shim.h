// zlib, for inflating the parts of .xlsx/.docx packages (OfficeXML's ZipInflater).
#include <zlib.h>

// inflateInit2 is a macro; Swift cannot call it, so it is wrapped here.
static inline int jixiao_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
