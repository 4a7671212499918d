/* api_export.h: the Excel export of every list, one mechanism (docs/api.md "Exports").
 *
 * A list's export route (GET /api/v1/<list>/export.xlsx) takes the list's own query parameters except paging and
 * runs the list's own query function with a StoreExport (store_util.h) in its filter, so the rows are exactly the
 * list's, in the list's order. export_reply() does the rest for every list: the workbook (xlsx_export.h) with the
 * list's columns, the refusal of more than STORE_EXPORT_MAX rows (400 too_many_rows, naming the filter), the
 * "导出说明" sheet, an audit row (action export.<list>, the filter and the row count) and the file reply. */
#ifndef JW_API_EXPORT_H
#define JW_API_EXPORT_H
#include <jansson.h>

#include "store/store_util.h"
#include "web/req.h"
#include "web/xlsx_export.h"

/* A list's query: parses the list's filter from r's query (paging only when x is NULL), runs the list function with
 * x in the filter's pExport, and gives its reply in *out. 0, or -1 with e (a bad parameter: 400 naming it). */
typedef int (*ExportQuery)(Req *r, StoreExport *x, json_t **out, JwErr *e);

typedef enum ExportParamKind {
  EXPORT_PARAM_TEXT, /* shown as given */
  EXPORT_PARAM_CODE, /* shown by xLabel */
  EXPORT_PARAM_USER, /* a user id: shown by the user's name */
  EXPORT_PARAM_DEPT  /* a department id: shown by its name */
} ExportParamKind;

/* A query parameter of the list, for the filter in force as the file and the audit row state it. */
typedef struct ExportParam {
  const char *zName;  /* "status" */
  const char *zLabel; /* "案件状态" */
  ExportParamKind kind;
  const char *(*xLabel)(const char *zCode); /* EXPORT_PARAM_CODE */
  const char *zDefault;                     /* the value the list takes when the parameter is absent, or NULL */
} ExportParam;

typedef struct ExportSpec {
  XlsxList list;
  const char *zAction; /* the audit action: "export.cases" */
  const char *zEntity; /* the audit entity: "case" */
  const ExportParam *aParam;
  int nParam;
} ExportSpec;

extern const ExportSpec export_cases, export_deadlines, export_audit, export_users, export_approvals;
extern const ExportSpec export_agencies; /* issue 10 (agencies) */
extern const ExportSpec export_linkage; /* linkage (issue 10) */
extern const ExportSpec export_suggestions; /* suggestions (issue 10) */
extern const ExportSpec export_petitions;   /* petitions (issue 13) */

/* Answers an export request for the list of spec through its query function. Returns 0 (a reply is always set). */
int export_reply(Req *r, const ExportSpec *spec, ExportQuery xQuery);

/* The filter in force in Chinese ("案件状态：审查中；受理日期起：2026-01-01"), "全部" when none: heap memory. */
char *export_filter_text(Req *r, const ExportSpec *spec);

#endif
