// placeholder: the module's work lands in its own files
