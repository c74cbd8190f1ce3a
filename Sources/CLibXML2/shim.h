#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in <unicode/ucnv.h>, whose
   `enum UErrorCode` clashes with Foundation's bundled _FoundationICU in any Swift module that also
   imports Foundation. Only two trailing pointer fields of xmlCharEncodingHandler depend on it. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* `xmlFree` is a global function-pointer variable, which Swift 6 refuses to touch
   ("not concurrency-safe"); call it through a function instead. */
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }
#endif
