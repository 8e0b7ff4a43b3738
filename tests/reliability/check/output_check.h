/* output_check.h: strict checks of what qareport writes, for the fuzz targets and the
 * reliability tests. A workbook is read as a zip archive (PKWARE APPNOTE 6.3, stored or
 * deflated members, CRC-32 verified) and every XML member must be well-formed XML 1.0
 * (W3C XML 1.0, 5th ed., sections 2.1-2.8, 3.1, 4.1: one root, matched tags, quoted unique
 * attributes, known entity and character references, only legal characters) in valid UTF-8
 * (RFC 3629). A JSON document must follow RFC 8259 strictly, in valid UTF-8. Each check
 * returns 0 when the input passes, or -1 with a message saying where it fails. */
#ifndef QAREPORT_OUTPUT_CHECK_H
#define QAREPORT_OUTPUT_CHECK_H

#include <stddef.h>

/* Length of the valid UTF-8 prefix of text; == length when all of it is valid. */
size_t qa_check_utf8_prefix(const char *text, size_t length);

int qa_check_xml(const char *text, size_t length, char *message, size_t size);
int qa_check_json(const char *text, size_t length, char *message, size_t size);

/* Every member of the .xlsx at path: present, CRC right, XML members well-formed. When
 * longest_text is not NULL it receives the length in characters of the longest shared or
 * inline string (Excel's limit is 32,767). */
int qa_check_workbook(const char *path, size_t *longest_text, char *message, size_t size);

/* The same on a file: reads it whole and checks it as JSON. */
int qa_check_json_file(const char *path, char *message, size_t size);

#endif
