/* docx.c: a 文书 as a .docx written with libzip (see docx.h). */
#include "web/docx.h"

#include <string.h>
#include <zip.h>

#include "lib/log.h"

#define NS_W    "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_REL  "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_ODR  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_HDR "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* the fonts GB/T 9704 names, as Word and WPS know them, and the fallbacks a machine without them uses */
#define FONT_BODY  "仿宋_GB2312"
#define FONT_TITLE "方正小标宋简体"

void docx_xml_escape(Buf *out, const char *z) {
  for (const unsigned char *p = (const unsigned char *)(z ? z : ""); *p; p++) {
    switch (*p) {
      case '&':
        buf_puts(out, "&amp;");
        break;
      case '<':
        buf_puts(out, "&lt;");
        break;
      case '>':
        buf_puts(out, "&gt;");
        break;
      case '"':
        buf_puts(out, "&quot;");
        break;
      case '\'':
        buf_puts(out, "&apos;");
        break;
      default:
        if (*p < 0x20 && *p != '\t') break; /* XML 1.0 allows no other C0 control */
        buf_putc(out, (char)*p);
    }
  }
}

/* One paragraph of style zStyle holding z as one run. */
static void para(Buf *b, const char *zStyle, const char *z, size_t n) {
  buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr><w:r><w:t xml:space=\"preserve\">", zStyle);
  Buf t = BUF_INIT;
  buf_append(&t, z, n);
  docx_xml_escape(b, buf_cstr(&t));
  buf_free(&t);
  buf_puts(b, "</w:t></w:r></w:p>");
}

void docx_document_xml(const DocxDoc *d, Buf *b) {
  buf_puts(b, XML_HDR "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_ODR "\"><w:body>");
  const char *zOrg = d->zOrg ? d->zOrg : "";
  para(b, "JwOrg", zOrg, strlen(zOrg));
  para(b, "JwTitle", d->zTitle, strlen(d->zTitle));
  para(b, "JwNumber", d->zNumber, strlen(d->zNumber));
  for (const char *p = d->zBody;;) {
    const char *q = strchr(p, '\n');
    size_t n = q ? (size_t)(q - p) : strlen(p);
    if (n) para(b, "JwBody", p, n);
    if (!q) break;
    p = q + 1;
  }
  para(b, "JwBody", "", 0);
  para(b, "JwSign", zOrg, strlen(zOrg));
  para(b, "JwSign", d->zDate, strlen(d->zDate));
  para(b, "JwSeal", "（印章）", strlen("（印章）"));
  /* A4 in twips; margins 37/26/35/28 mm; 22 lines in the 225 mm text height */
  buf_puts(b,
           "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
           "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\""
           " w:footer=\"992\" w:gutter=\"0\"/><w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr>"
           "</w:body></w:document>");
}

static const char content_types[] = XML_HDR
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

static const char package_rels[] =
    XML_HDR "<Relationships xmlns=\"" NS_REL
            "\">"
            "<Relationship Id=\"rId1\" Type=\"" NS_ODR
            "/officeDocument\" Target=\"word/document.xml\"/>"
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
            "core-properties\" Target=\"docProps/core.xml\"/>"
            "</Relationships>";

static const char document_rels[] = XML_HDR "<Relationships xmlns=\"" NS_REL
                                            "\">"
                                            "<Relationship Id=\"rId1\" Type=\"" NS_ODR
                                            "/styles\" Target=\"styles.xml\"/>"
                                            "<Relationship Id=\"rId2\" Type=\"" NS_ODR
                                            "/fontTable\" Target=\"fontTable.xml\"/>"
                                            "</Relationships>";

#define RFONTS(f) "<w:rFonts w:ascii=\"" f "\" w:eastAsia=\"" f "\" w:hAnsi=\"" f "\" w:cs=\"" f "\"/>"

static const char styles[] =
    XML_HDR "<w:styles xmlns:w=\"" NS_W "\">"
            "<w:docDefaults><w:rPrDefault><w:rPr>" RFONTS(FONT_BODY)
            "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr>"
            "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\""
            " w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"JwOrg\"><w:name w:val=\"发文机关\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr>" RFONTS(FONT_TITLE)
            "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"JwTitle\"><w:name w:val=\"文书标题\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:jc w:val=\"center\"/><w:spacing w:line=\"720\" w:lineRule=\"exact\"/></w:pPr><w:rPr>" RFONTS(
                FONT_TITLE) "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"JwNumber\"><w:name w:val=\"文号\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:jc w:val=\"right\"/><w:spacing w:after=\"579\"/></w:pPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"JwBody\"><w:name w:val=\"正文\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:jc w:val=\"both\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"JwSign\"><w:name w:val=\"署名\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:jc w:val=\"right\"/><w:ind w:right=\"1280\"/></w:pPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"JwSeal\"><w:name w:val=\"印章\"/><w:basedOn w:val=\"Normal\"/>"
            "<w:pPr><w:jc w:val=\"right\"/><w:ind w:right=\"1280\"/></w:pPr><w:rPr><w:color w:val=\"C00000\"/></w:rPr>"
            "</w:style></w:styles>";

static const char font_table[] =
    XML_HDR "<w:fonts xmlns:w=\"" NS_W
            "\">"
            "<w:font w:name=\"" FONT_BODY
            "\"><w:altName w:val=\"仿宋\"/><w:charset w:val=\"86\"/>"
            "<w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
            "<w:font w:name=\"" FONT_TITLE
            "\"><w:altName w:val=\"宋体\"/><w:charset w:val=\"86\"/>"
            "<w:family w:val=\"script\"/><w:pitch w:val=\"variable\"/></w:font>"
            "<w:font w:name=\"仿宋\"><w:altName w:val=\"FangSong\"/><w:charset w:val=\"86\"/></w:font>"
            "<w:font w:name=\"宋体\"><w:altName w:val=\"SimSun\"/><w:charset w:val=\"86\"/></w:font>"
            "</w:fonts>";

/* Adds one part from memory (the buffer must live until zip_close). */
static int add_part(zip_t *za, const char *zName, const char *z, size_t n) {
  zip_source_t *src = zip_source_buffer(za, z, n, 0);
  if (!src) return -1;
  if (zip_file_add(za, zName, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
    zip_source_free(src);
    return -1;
  }
  return 0;
}

int docx_write(const DocxDoc *d, const char *zPath, JwErr *e) {
  int zerr = 0;
  zip_t *za = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  if (!za) {
    log_error("docx: zip_open %s: error %d", zPath, zerr);
    return err_internal(e, "docx zip_open");
  }
  Buf doc = BUF_INIT, core = BUF_INIT;
  docx_document_xml(d, &doc);
  buf_puts(&core, XML_HDR
           "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
           "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
  docx_xml_escape(&core, d->zNumber);
  buf_puts(&core, " ");
  docx_xml_escape(&core, d->zTitle);
  buf_puts(&core, "</dc:title><dc:creator>");
  docx_xml_escape(&core, d->zOrg);
  buf_puts(&core, "</dc:creator></cp:coreProperties>");
  int rc = add_part(za, "[Content_Types].xml", content_types, sizeof content_types - 1) ||
           add_part(za, "_rels/.rels", package_rels, sizeof package_rels - 1) ||
           add_part(za, "word/_rels/document.xml.rels", document_rels, sizeof document_rels - 1) ||
           add_part(za, "word/document.xml", buf_cstr(&doc), doc.n) ||
           add_part(za, "word/styles.xml", styles, sizeof styles - 1) ||
           add_part(za, "word/fontTable.xml", font_table, sizeof font_table - 1) ||
           add_part(za, "docProps/core.xml", buf_cstr(&core), core.n);
  if (rc) {
    log_error("docx: %s", zip_strerror(za));
    zip_discard(za);
  } else if (zip_close(za) < 0) {
    log_error("docx: zip_close: %s", zip_strerror(za));
    zip_discard(za);
    rc = -1;
  }
  buf_free(&doc);
  buf_free(&core);
  return rc ? err_internal(e, "docx write") : 0;
}
