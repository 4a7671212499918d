/* docx.h: a 文书 as a .docx (Office Open XML, WordprocessingML) the clerk opens and edits in WPS or Word, written
 * with libzip (Debian's libzip). The layout follows GB/T 9704-2012 as the print view does: A4, margins 37 mm top,
 * 28 mm left, 26 mm right, 35 mm bottom, 22 lines a page; the title in 2号 (22 pt) 方正小标宋简体, the body in 3号
 * (16 pt) 仿宋_GB2312 with their common fallbacks named in the font table (宋体, 仿宋). Every text is XML-escaped and
 * characters XML 1.0 does not allow are dropped. */
#ifndef JW_DOCX_H
#define JW_DOCX_H
#include "lib/buf.h"
#include "lib/err.h"

typedef struct DocxDoc {
  const char *zOrg;    /* 发文机关 */
  const char *zTitle;  /* 不起诉决定书 */
  const char *zNumber; /* 文号 */
  const char *zBody;   /* paragraphs separated by '\n' */
  const char *zDate;   /* 成文日期 as written: 2026年12月2日 */
} DocxDoc;

/* Appends s to out with & < > " ' escaped and characters XML 1.0 forbids (C0 controls but tab) dropped. */
void docx_xml_escape(Buf *out, const char *z);
/* word/document.xml of the document (appended to out). */
void docx_document_xml(const DocxDoc *d, Buf *out);
/* Writes the whole .docx to an open, empty temporary file at zPath. 0, or -1 with e filled (500). */
int docx_write(const DocxDoc *d, const char *zPath, JwErr *e);

#endif
