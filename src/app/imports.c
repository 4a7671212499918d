/* imports.c: the import use case of imports.h: file checks and hash, the mapping step, row validation, one
 * transaction with the batch, its rejections, the records and the audit row. */
#include <errno.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app_util.h"
#include "app/imports.h"
#include "app/tx.h"
#include "core/credit_code.h"
#include "core/idcard.h"
#include "core/import_rules.h"
#include "core/roles.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/tabread.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"
#include "store/import_store.h"
#include "store/store_util.h"

typedef struct Cell {
  const char *z;
  size_t n;
} Cell;

typedef struct Run {
  Db *db;
  const Actor *actor;
  const ImportRequest *r;
  ImportResult *res;
  JwErr *e;
  int kind;
  const char *zKind, *zSource;
  const ImportField *aF;
  int nField;
  int aCol[IMPORT_MAX_FIELDS];
  char *azHeader[TABREAD_MAX_COLUMNS]; /* the header's cells (heap), for the report's column names */
  int nHeader;
  int haveHeader;
  char *zSavedColumns; /* the saved mapping to apply (heap JSON), or NULL */
  TabReadInfo *pInfo;  /* the reader's: an XLSX's sheet name is known when the header arrives */
  int preview;         /* imports_preview(): describe the header and its mapping in *pPreview, then stop */
  json_t *pPreview;
  int64_t batchId;
  ImportBatchRow batch;
  char zNow[32];
  Buf key; /* the natural key being built */
} Run;

/* The file's SHA-256 as 64 hex digits. 0, or -1 with e. */
static int hash_file(const char *zPath, char zHex[65], JwErr *e) {
  FILE *f = fopen(zPath, "rb");
  if (!f) return err_set(e, 400, "import_file_invalid", "file", "无法打开文件：%s", strerror(errno));
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  unsigned char *a = xmalloc(1 << 20);
  size_t n;
  while ((n = fread(a, 1, 1 << 20, f)) > 0) crypto_hash_sha256_update(&st, a, n);
  int bad = ferror(f);
  fclose(f);
  free(a);
  if (bad) return err_set(e, 400, "import_file_invalid", "file", "读取文件时出错");
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, h);
  sodium_bin2hex(zHex, 65, h, sizeof h);
  return 0;
}

/* ---- the mapping ---- */

/* The header column whose key equals the key of zName, or -1. */
static int header_column(Run *x, const char *zName, size_t nName) {
  char zWant[256], zKey[256];
  import_header_key(zName, nName, zWant, sizeof zWant);
  if (!zWant[0]) return -1;
  for (int c = 0; c < x->nHeader; c++) {
    import_header_key(x->azHeader[c], strlen(x->azHeader[c]), zKey, sizeof zKey);
    if (strcmp(zKey, zWant) == 0) return c;
  }
  return -1;
}

/* Applies a saved mapping ({"field":"header name"}): fields whose column is in this header take it. */
static void apply_saved(Run *x, const char *zColumns) {
  json_t *m = json_loads(zColumns, 0, NULL);
  const char *zField;
  json_t *v;
  json_object_foreach(m, zField, v) {
    int f = import_field_index(x->kind, zField);
    if (f < 0 || !json_is_string(v)) continue;
    int c = header_column(x, json_string_value(v), strlen(json_string_value(v)));
    if (c < 0) continue;
    for (int g = 0; g < x->nField; g++) {
      if (g != f && x->aCol[g] == c) x->aCol[g] = -1; /* a column serves one field */
    }
    x->aCol[f] = c;
  }
  json_decref(m);
}

/* Applies an explicit mapping "field=列名,field=列名". 0, or -1 with e naming "mapping". */
static int apply_spec(Run *x, const char *zSpec) {
  const char *p = zSpec;
  while (*p) {
    const char *zEnd = strchr(p, ',');
    if (!zEnd) zEnd = p + strlen(p);
    const char *zEq = memchr(p, '=', (size_t)(zEnd - p));
    if (!zEq) return err_field(x->e, "mapping", "映射的每一项须写作“字段=列名”");
    char zField[64];
    size_t nField = (size_t)(zEq - p);
    if (nField == 0 || nField >= sizeof zField) return err_field(x->e, "mapping", "映射中的字段名无效");
    memcpy(zField, p, nField);
    zField[nField] = 0;
    int f = import_field_index(x->kind, zField);
    if (f < 0) return err_field(x->e, "mapping", "映射中的字段“%.60s”不是本类数据的字段", zField);
    int c = header_column(x, zEq + 1, (size_t)(zEnd - zEq - 1));
    if (c < 0) {
      return err_field(x->e, "mapping", "表头中没有映射指定的列“%.*s”",
                       (int)utf8_prefix(zEq + 1, (size_t)(zEnd - zEq - 1), 300), zEq + 1);
    }
    for (int g = 0; g < x->nField; g++) {
      if (g != f && x->aCol[g] == c) x->aCol[g] = -1;
    }
    x->aCol[f] = c;
    p = *zEnd ? zEnd + 1 : zEnd;
  }
  return 0;
}

/* Writes the synonyms of field f for a message: "身份证号、公民身份号码、证件号码". */
static void synonyms_text(const ImportField *f, Buf *b) {
  for (int i = 0; f->azSynonym[i] && i < 4; i++) buf_printf(b, "%s%s", i ? "、" : "", f->azSynonym[i]);
}

/* The header row: the mapping resolved, checked and saved; the batch row inserted. 0, or -1 with e. */
static int on_header(Run *x, int nCol, char **azCol, const size_t *anCol) {
  x->nHeader = nCol;
  for (int c = 0; c < nCol; c++) x->azHeader[c] = xstrndup(azCol[c], anCol[c]);
  import_propose_mapping(x->kind, nCol, azCol, anCol, x->aCol);
  if (x->zSavedColumns) apply_saved(x, x->zSavedColumns);
  if (x->r->zMapping && strchr(x->r->zMapping, '=') && apply_spec(x, x->r->zMapping)) return -1;
  if (x->preview) {
    json_t *aHead = json_array(), *aField = json_array(), *aMissing = json_array();
    for (int c = 0; c < nCol; c++) json_array_append_new(aHead, json_string(x->azHeader[c]));
    for (int f = 0; f < x->nField; f++) {
      json_array_append_new(
          aField, json_pack("{s:s, s:s, s:b, s:b, s:o}", "code", x->aF[f].zCode, "label", x->aF[f].zLabel, "required",
                            x->aF[f].required == 1, "one_of", x->aF[f].required == 2, "column",
                            x->aCol[f] >= 0 ? json_string(x->azHeader[x->aCol[f]]) : json_null()));
      if (x->aF[f].required == 1 && x->aCol[f] < 0) json_array_append_new(aMissing, json_string(x->aF[f].zCode));
    }
    x->pPreview = json_pack("{s:o, s:o, s:o, s:b}", "header", aHead, "fields", aField, "missing", aMissing, "saved",
                            x->zSavedColumns != NULL);
    return 2;
  }
  int anyOfTwo = 0, haveTwo = 0;
  for (int f = 0; f < x->nField; f++) {
    if (x->aF[f].required == 2) {
      anyOfTwo = 1;
      if (x->aCol[f] >= 0) haveTwo = 1;
    }
    if (x->aF[f].required == 1 && x->aCol[f] < 0) {
      Buf b = BUF_INIT;
      synonyms_text(&x->aF[f], &b);
      err_set(x->e, 400, "import_mapping_incomplete", "mapping",
              "表头缺少“%s”列（可用的列名：%s 等），请在映射中指定对应的列", x->aF[f].zLabel, buf_cstr(&b));
      buf_free(&b);
      return -1;
    }
  }
  if (anyOfTwo && !haveTwo) {
    return err_set(x->e, 400, "import_mapping_incomplete", "mapping",
                   "表头缺少“公民身份号码”或“统一社会信用代码”列，请在映射中指定对应的列");
  }
  json_t *m = json_object();
  for (int f = 0; f < x->nField; f++) {
    if (x->aCol[f] >= 0) json_object_set_new(m, x->aF[f].zCode, json_string(x->azHeader[x->aCol[f]]));
  }
  char *zColumns = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(m);
  int64_t mappingId =
      import_store_mapping_put(x->db, x->actor->orgId, x->zKind, x->zSource, zColumns, x->actor->userId, x->zNow);
  free(zColumns);
  if (mappingId < 0) return app_db_fail(x->db, x->e);
  x->batch.mappingId = mappingId;
  if (x->pInfo && x->pInfo->zSheet[0]) x->batch.zSheet = x->pInfo->zSheet;
  x->batchId = import_store_batch_insert(x->db, &x->batch);
  if (x->batchId < 0) return app_db_fail(x->db, x->e);
  x->res->batchId = x->batchId;
  return 0;
}

/* ---- rows ---- */

/* The trimmed cell of field f (empty when the field is not mapped or the row is short). */
static Cell cell(Run *x, int nCol, char **azCol, const size_t *anCol, const char *zField) {
  Cell c = {"", 0};
  int f = import_field_index(x->kind, zField);
  if (f < 0 || x->aCol[f] < 0 || x->aCol[f] >= nCol) return c;
  c.n = anCol[x->aCol[f]];
  c.z = import_trim(azCol[x->aCol[f]], &c.n);
  return c;
}

/* The column name of field zField for the report: the header's text, or the field's label when not mapped. */
static const char *column_name(Run *x, const char *zField) {
  int f = import_field_index(x->kind, zField);
  if (f >= 0 && x->aCol[f] >= 0) return x->azHeader[x->aCol[f]];
  return f >= 0 ? x->aF[f].zLabel : zField;
}

/* The problems of one row, written as rejections once the row is judged. */
typedef struct Problems {
  int n;
  const char *azField[8];
  char azReason[8][256];
} Problems;

static void problem(Problems *p, const char *zField, const char *zFmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(Problems *p, const char *zField, const char *zFmt, ...) {
  if (p->n >= 8) return;
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(p->azReason[p->n], sizeof p->azReason[p->n], zFmt, ap);
  va_end(ap);
  /* a value quoted in the reason may have been cut: never inside a character */
  char *z = p->azReason[p->n];
  z[utf8_prefix(z, strlen(z), sizeof p->azReason[p->n] - 1)] = 0;
  p->azField[p->n++] = zField;
}

/* A text value: required or not, at most max characters, no control characters. Returns a heap copy ("" when empty)
 * or NULL with a problem. */
static char *text_value(Problems *p, Cell c, const char *zField, const char *zLabel, int required, size_t max) {
  if (c.n == 0) {
    if (required) {
      problem(p, zField, "%s为空", zLabel);
      return NULL;
    }
    return xstrdup("");
  }
  if (utf8_has_control(c.z, c.n, "")) {
    problem(p, zField, "%s含有控制字符（换行等）", zLabel);
    return NULL;
  }
  if (utf8_length(c.z, c.n) > max) {
    problem(p, zField, "%s超过 %zu 个字符", zLabel, max);
    return NULL;
  }
  return xstrndup(c.z, c.n);
}

/* An optional date: "" when empty, else YYYY-MM-DD into out; a problem when it cannot be read. */
static void date_value(Problems *p, Cell c, const char *zField, const char *zLabel, char out[11]) {
  out[0] = 0;
  if (c.n == 0) return;
  JwDate d;
  if (import_parse_date(c.z, c.n, &d)) {
    problem(p, zField, "%s“%.*s”不是有效日期（可写作 2025-03-05、2025/3/5、2025年3月5日）", zLabel,
            (int)utf8_prefix(c.z, c.n, 60), c.z);
    return;
  }
  date_format(d, out);
}

/* The identity columns: the ID number normalised (zId "" when missing or invalid) and the birth date (from a valid
 * ID, else the birth-date column). */
static void identity(Run *x, Problems *p, Cell id, Cell birth, char zId[19], char **pzRaw, char zBirth[11]) {
  zId[0] = 0;
  zBirth[0] = 0;
  *pzRaw = NULL;
  if (id.n && utf8_length(id.z, id.n) > IMPORT_ID_RAW_MAX) {
    problem(p, "id_number", "公民身份号码超过 %d 个字符", IMPORT_ID_RAW_MAX);
    return;
  }
  if (id.n && utf8_has_control(id.z, id.n, "")) {
    problem(p, "id_number", "公民身份号码含有控制字符");
    return;
  }
  *pzRaw = xstrndup(id.z, id.n);
  JwIdInfo info;
  if (id.n && idcard_normalize(id.z, id.n, x->r->today, zId, &info) == JW_ID_OK) {
    date_format(info.birth, zBirth);
    return;
  }
  zId[0] = 0;
  date_value(p, birth, "birth_date", "出生日期", zBirth);
}

static void key_part(Buf *b, const char *z) {
  buf_putc(b, '|');
  buf_puts(b, z ? z : "");
}

static int write_rejections(Run *x, long rowNo, const Problems *p) {
  for (int i = 0; i < p->n; i++) {
    if (import_store_rejection_insert(x->db, x->batchId, rowNo, column_name(x, p->azField[i]), p->azReason[i])) {
      return app_db_fail(x->db, x->e);
    }
  }
  x->res->rowsRejected++;
  return 0;
}

/* Counts the insert's outcome: 1 accepted, 0 duplicate. 0, or -1 with e. */
static int count_insert(Run *x, int rc) {
  if (rc < 0) return app_db_fail(x->db, x->e);
  if (rc == 1) x->res->rowsAccepted++;
  else x->res->rowsDuplicate++;
  return 0;
}

static int licence_row(Run *x, long rowNo, int nCol, char **azCol, const size_t *anCol) {
  Problems p = {0};
  char zId[19], zBirth[11], zStatusOn[11], zReissued[11];
  char *zRaw = NULL;
  identity(x, &p, cell(x, nCol, azCol, anCol, "id_number"), cell(x, nCol, azCol, anCol, "birth_date"), zId, &zRaw,
           zBirth);
  char *zName = text_value(&p, cell(x, nCol, azCol, anCol, "name"), "name", "姓名", 1, IMPORT_TEXT_MAX);
  Cell cNo = cell(x, nCol, azCol, anCol, "licence_number");
  char *zNo = text_value(&p, cNo, "licence_number", "驾驶证号", 0, IMPORT_TEXT_MAX);
  if (zNo && !zNo[0]) { /* the licence number is the ID number (GA 482 since 2004): take it when the column is empty */
    free(zNo);
    zNo = xstrdup(zId[0] ? zId : zRaw ? zRaw : "");
    if (!zNo[0]) problem(&p, "licence_number", "驾驶证号与公民身份号码均为空");
  }
  char *zClass = text_value(&p, cell(x, nCol, azCol, anCol, "licence_class"), "licence_class", "准驾车型", 0, 32);
  Cell cStatus = cell(x, nCol, azCol, anCol, "status");
  const char *zStatus = import_licence_status(cStatus.z, cStatus.n);
  if (!cStatus.n) problem(&p, "status", "驾驶证状态为空");
  else if (!zStatus) {
    problem(&p, "status", "无法识别的驾驶证状态“%.*s”（应为正常、吊销、暂扣、注销等）",
            (int)utf8_prefix(cStatus.z, cStatus.n, 60), cStatus.z);
  }
  date_value(&p, cell(x, nCol, azCol, anCol, "status_on"), "status_on", "状态日期", zStatusOn);
  date_value(&p, cell(x, nCol, azCol, anCol, "reissued_on"), "reissued_on", "重新取得日期", zReissued);
  char *zAgency =
      text_value(&p, cell(x, nCol, azCol, anCol, "agency_name"), "agency_name", "发证机关", 0, IMPORT_TEXT_MAX);
  int rc = 0;
  if (p.n) {
    rc = write_rejections(x, rowNo, &p);
  } else {
    buf_reset(&x->key);
    buf_puts(&x->key, "L");
    key_part(&x->key, zNo);
    key_part(&x->key, zStatus);
    key_part(&x->key, zStatusOn);
    ImportRecordRow rec = {.orgId = x->actor->orgId,
                           .batchId = x->batchId,
                           .rowNo = rowNo,
                           .zIdNumber = zId,
                           .zIdNumberRaw = zRaw,
                           .zName = zName,
                           .zBirthDate = zBirth,
                           .zAgencyName = zAgency[0] ? zAgency : x->zSource,
                           .zNaturalKey = x->key.z,
                           .zLicenceNumber = zNo,
                           .zLicenceClass = zClass,
                           .zStatus = zStatus,
                           .zStatusOn = zStatusOn,
                           .zReissuedOn = zReissued};
    rc = count_insert(x, import_store_licence_insert(x->db, &rec));
    if (!zId[0]) x->res->idMissing++;
  }
  free(zRaw);
  free(zName);
  free(zNo);
  free(zClass);
  free(zAgency);
  return rc;
}

static int penalty_row(Run *x, long rowNo, int nCol, char **azCol, const size_t *anCol) {
  Problems p = {0};
  char zId[19], zBirth[11], zDecided[11], zCredit[19] = "";
  char *zRaw = NULL;
  Cell cId = cell(x, nCol, azCol, anCol, "id_number");
  Cell cCredit = cell(x, nCol, azCol, anCol, "credit_code");
  identity(x, &p, cId, cell(x, nCol, azCol, anCol, "birth_date"), zId, &zRaw, zBirth);
  if (cCredit.n) {
    if (credit_code_normalize(cCredit.z, cCredit.n, zCredit) != 0) {
      problem(&p, "credit_code", "统一社会信用代码“%.*s”无效", (int)utf8_prefix(cCredit.z, cCredit.n, 60), cCredit.z);
    }
  }
  if (!cId.n && !cCredit.n) problem(&p, "id_number", "公民身份号码与统一社会信用代码均为空");
  char *zName = text_value(&p, cell(x, nCol, azCol, anCol, "name"), "name", "姓名或名称", 1, IMPORT_TEXT_MAX);
  char *zAgency =
      text_value(&p, cell(x, nCol, azCol, anCol, "agency_name"), "agency_name", "处罚机关", 0, IMPORT_TEXT_MAX);
  Cell cType = cell(x, nCol, azCol, anCol, "penalty_type");
  const char *zType = import_penalty_type(cType.z, cType.n);
  if (!zType) problem(&p, "penalty_type", "处罚种类为空");
  char *zDecision = text_value(&p, cell(x, nCol, azCol, anCol, "decision_number"), "decision_number", "决定书文号", 1,
                               IMPORT_TEXT_MAX);
  Cell cDecided = cell(x, nCol, azCol, anCol, "decided_on");
  date_value(&p, cDecided, "decided_on", "处罚决定日期", zDecided);
  if (!cDecided.n) problem(&p, "decided_on", "处罚决定日期为空");
  Cell cAmount = cell(x, nCol, azCol, anCol, "amount");
  int64_t fen = 0;
  if (cAmount.n && import_parse_amount_fen(cAmount.z, cAmount.n, &fen)) {
    problem(&p, "amount", "罚款金额“%.*s”不是有效金额（元，最多两位小数）", (int)utf8_prefix(cAmount.z, cAmount.n, 60),
            cAmount.z);
  }
  int rc = 0;
  if (p.n) {
    rc = write_rejections(x, rowNo, &p);
  } else {
    const char *zAgencyName = zAgency[0] ? zAgency : x->zSource;
    buf_reset(&x->key);
    buf_puts(&x->key, "P");
    key_part(&x->key, zAgencyName);
    key_part(&x->key, zDecision);
    ImportRecordRow rec = {.orgId = x->actor->orgId,
                           .batchId = x->batchId,
                           .rowNo = rowNo,
                           .zIdNumber = zId,
                           .zIdNumberRaw = zRaw,
                           .zName = zName,
                           .zBirthDate = zBirth,
                           .zAgencyName = zAgencyName,
                           .zNaturalKey = x->key.z,
                           .zCreditCode = zCredit,
                           .zPenaltyType = zType,
                           .zDecisionNumber = zDecision,
                           .zDecidedOn = zDecided,
                           .amountFen = fen,
                           .hasAmount = cAmount.n > 0};
    rc = count_insert(x, import_store_penalty_insert(x->db, &rec));
    if (!zId[0] && !zCredit[0]) x->res->idMissing++; /* an organisation has a credit code, no ID number */
  }
  free(zRaw);
  free(zName);
  free(zAgency);
  free(zDecision);
  return rc;
}

static int on_row(void *pCtx, long rowNo, int nCol, char **azCol, const size_t *anCol) {
  Run *x = pCtx;
  int empty = 1;
  for (int c = 0; c < nCol && empty; c++) {
    size_t n = anCol[c];
    import_trim(azCol[c], &n);
    if (n) empty = 0;
  }
  if (empty) return 0;
  if (!x->haveHeader) {
    x->haveHeader = 1;
    int rc = on_header(x, nCol, azCol, anCol);
    return rc == 0 ? 0 : rc == 2 ? 2 : 1;
  }
  x->res->rowsTotal++;
  int rc = x->kind == IMPORT_KIND_LICENCE ? licence_row(x, rowNo, nCol, azCol, anCol)
                                          : penalty_row(x, rowNo, nCol, azCol, anCol);
  return rc ? 1 : 0;
}

/* The reader's progress, handed on to the caller's function and context. */
static void on_progress(void *pCtx, uint64_t done, uint64_t total) {
  Run *x = pCtx;
  x->r->xProgress(x->r->pProgressCtx, done, total);
}

/* The last part of a path. */
static const char *base_name(const char *zPath) {
  const char *z = strrchr(zPath, '/');
  return z ? z + 1 : zPath;
}

static int check_name(JwErr *e, const char *zField, const char *zLabel, const char *z, size_t max) {
  size_t n = strlen(z);
  if (!utf8_valid(z, n)) return err_field(e, zField, "%s不是有效的 UTF-8 文本", zLabel);
  if (utf8_has_control(z, n, "")) return err_field(e, zField, "%s含有控制字符", zLabel);
  if (utf8_length(z, n) > max) return err_field(e, zField, "%s超过 %zu 个字符", zLabel, max);
  return 0;
}

int imports_run(Db *db, const Actor *actor, const ImportRequest *r, ImportResult *res, JwErr *e) {
  memset(res, 0, sizeof *res);
  if (!(actor->perms & PERM_DATA_IMPORT)) return err_set(e, 403, "forbidden", NULL, "您没有导入数据的权限");
  int kind = import_kind(r->zKind);
  if (!kind) return err_field(e, "kind", "数据类型必须是 licence（驾驶证）或 penalty（行政处罚）");
  const char *zSource = r->zSource && *r->zSource ? r->zSource : "default";
  if (check_name(e, "source", "来源名称", zSource, IMPORT_SOURCE_MAX)) return -1;
  if (r->zMapping && !*r->zMapping) return err_field(e, "mapping", "映射为空");
  if (r->zMapping && check_name(e, "mapping", "映射", r->zMapping, 4000)) return -1;
  if (r->zSheet && check_name(e, "sheet", "工作表名称", r->zSheet, 100)) return -1;
  if (!r->zPath) return err_field(e, "file", "没有文件");
  /* the file name as recorded: valid UTF-8, cut at a character boundary */
  char zFileName[4 * IMPORT_FILE_NAME_MAX + 1];
  snprintf(zFileName, sizeof zFileName, "%s", r->zFileName ? r->zFileName : base_name(r->zPath));
  utf8_scrub(zFileName);
  for (char *p = zFileName; *p; p++) {
    if ((unsigned char)*p < 0x20 || *p == 0x7F) *p = '?';
  }
  zFileName[utf8_prefix(zFileName, strlen(zFileName), sizeof zFileName - 1)] = 0;
  if (utf8_length(zFileName, strlen(zFileName)) > IMPORT_FILE_NAME_MAX) {
    zFileName[utf8_prefix(zFileName, strlen(zFileName), IMPORT_FILE_NAME_MAX)] = 0;
  }

  struct stat st;
  if (stat(r->zPath, &st) != 0)
    return err_set(e, 400, "import_file_invalid", "file", "无法打开文件：%s", strerror(errno));
  if (!S_ISREG(st.st_mode)) return err_set(e, 400, "import_file_invalid", "file", "不是普通文件");
  int64_t maxBytes = r->maxBytes ? r->maxBytes : IMPORT_MAX_FILE_BYTES;
  if ((int64_t)st.st_size > maxBytes) {
    return err_set(e, 413, "import_too_large", "file", "文件有 %lld 字节，超过导入上限 %lld 字节（2 GB）",
                   (long long)st.st_size, (long long)maxBytes);
  }
  if (st.st_size == 0) return err_set(e, 400, "import_file_invalid", "file", "文件是空的");
  /* the saved mapping: of another source (--mapping NAME), else of this one */
  char *zSaved = NULL;
  const char *zFrom = r->zMapping && !strchr(r->zMapping, '=') ? r->zMapping : zSource;
  int found = import_store_mapping_get(db, actor->orgId, r->zKind, zFrom, &zSaved, NULL);
  if (found < 0) return app_db_fail(db, e);
  if (!found && zFrom != zSource) return err_field(e, "mapping", "没有来源“%.100s”的已保存映射", zFrom);
  if (hash_file(r->zPath, res->zHash, e)) {
    free(zSaved);
    return -1;
  }
  int64_t earlier = import_store_batch_by_hash(db, actor->orgId, r->zKind, res->zHash);
  if (earlier != 0) free(zSaved);
  if (earlier < 0) return app_db_fail(db, e);
  if (earlier > 0) {
    res->alreadyImported = 1;
    res->batchId = earlier;
    return 0;
  }
  unsigned char aMagic[4] = {0};
  FILE *f = fopen(r->zPath, "rb");
  if (!f) {
    free(zSaved);
    return err_set(e, 400, "import_file_invalid", "file", "无法打开文件：%s", strerror(errno));
  }
  size_t nMagic = fread(aMagic, 1, 4, f);
  fclose(f);
  int xlsx = tabread_is_zip(aMagic, nMagic);
  snprintf(res->zFormat, sizeof res->zFormat, "%s", xlsx ? "xlsx" : "csv");

  Run *x = xcalloc(1, sizeof *x);
  x->db = db;
  x->actor = actor;
  x->r = r;
  x->res = res;
  x->e = e;
  x->kind = kind;
  x->zKind = r->zKind;
  x->zSource = zSource;
  x->aF = import_fields(kind, &x->nField);
  time_now_iso(x->zNow);
  ImportRequest rq = *r;
  if (!rq.today) {
    char zToday[11];
    time_today_china(zToday);
    if (date_parse(zToday, 10, &rq.today)) rq.today = JW_DATE_MAX;
  }
  x->r = &rq;
  int rc = 0;
  x->zSavedColumns = zSaved;
  if (db_begin(db)) {
    rc = app_db_fail(db, e);
    goto out;
  }
  x->batch = (ImportBatchRow){.orgId = actor->orgId,
                              .zKind = r->zKind,
                              .zSource = zSource,
                              .zFileName = zFileName,
                              .zFileHash = res->zHash,
                              .fileBytes = (int64_t)st.st_size,
                              .zFormat = res->zFormat,
                              .createdBy = actor->userId,
                              .zCreatedAt = x->zNow};
  TabReadOpts o = {.xRow = on_row,
                   .pCtx = x,
                   .maxRows = (r->maxRows ? r->maxRows : TABREAD_MAX_ROWS) + 1, /* the header row too */
                   .maxInflated = r->maxInflated,
                   .zSheet = r->zSheet,
                   .xProgress = r->xProgress ? on_progress : NULL};
  TabReadInfo info;
  memset(&info, 0, sizeof info);
  x->pInfo = &info;
  /* Encoding is decided before the header is read: the batch row is written at the header, so fill it in first
   * from a probe of the file's start. */
  if (xlsx) {
    x->batch.zEncoding = "utf-8";
    x->batch.zSheet = r->zSheet;
  } else {
    unsigned char aProbe[64 * 1024];
    FILE *fp = fopen(r->zPath, "rb");
    size_t nProbe = fp ? fread(aProbe, 1, sizeof aProbe, fp) : 0;
    if (fp) fclose(fp);
    size_t nBom;
    TabEncoding enc = tabread_detect_encoding(aProbe, nProbe, nProbe < sizeof aProbe, &nBom);
    x->batch.zEncoding = enc == TABREAD_GB18030 ? "gb18030" : "utf-8";
  }
  snprintf(res->zEncoding, sizeof res->zEncoding, "%s", x->batch.zEncoding);
  int rr = xlsx ? tabread_xlsx_file(r->zPath, &o, &info, e) : tabread_csv_file(r->zPath, &o, &info, e);
  if (rr) rc = -1;
  if (rr == -1 && e->status == 413 && info.rows >= o.maxRows) { /* the reader counts the header as a row */
    err_set(e, 413, "import_too_large", "file", "文件超过 %ld 行数据", r->maxRows ? r->maxRows : TABREAD_MAX_ROWS);
  }
  if (!rc && !x->haveHeader) rc = err_set(e, 400, "import_file_invalid", "file", "文件中没有表头和数据");
  if (!rc && r->maxRows && res->rowsTotal > r->maxRows) {
    rc = err_set(e, 413, "import_too_large", "file", "文件超过 %ld 行", r->maxRows);
  }
  if (!rc && import_store_batch_finish(db, x->batchId, res->rowsTotal, res->rowsAccepted, res->rowsDuplicate,
                                       res->rowsRejected, x->zNow)) {
    rc = app_db_fail(db, e);
  }
  if (!rc) {
    json_t *after = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "kind", r->zKind, "source",
                              zSource, "file_name", zFileName, "file_hash", res->zHash, "format", res->zFormat,
                              "encoding", res->zEncoding, "rows_total", (json_int_t)res->rowsTotal, "rows_accepted",
                              (json_int_t)res->rowsAccepted, "rows_duplicate", (json_int_t)res->rowsDuplicate,
                              "rows_rejected", (json_int_t)res->rowsRejected, "id_missing", (json_int_t)res->idMissing);
    rc = audit_append(db, actor, "import.create", "import", audit_id(x->batchId).z, NULL, after, e);
    json_decref(after);
  }
  if (app_finish_write(db, rc, e)) {
    rc = -1;
    res->batchId = 0;
  }
out:
  for (int c = 0; c < x->nHeader; c++) free(x->azHeader[c]);
  free(x->zSavedColumns);
  buf_free(&x->key);
  free(x);
  return rc;
}

int imports_preview(Db *db, const Actor *actor, const ImportRequest *r, json_t **out, JwErr *e) {
  *out = NULL;
  if (!(actor->perms & PERM_DATA_IMPORT)) return err_set(e, 403, "forbidden", NULL, "您没有导入数据的权限");
  int kind = import_kind(r->zKind);
  if (!kind) return err_field(e, "kind", "数据类型必须是 licence（驾驶证）或 penalty（行政处罚）");
  const char *zSource = r->zSource && *r->zSource ? r->zSource : "default";
  if (check_name(e, "source", "来源名称", zSource, IMPORT_SOURCE_MAX)) return -1;
  if (r->zMapping && check_name(e, "mapping", "映射", r->zMapping, 4000)) return -1;
  if (r->zSheet && check_name(e, "sheet", "工作表名称", r->zSheet, 100)) return -1;
  if (!r->zPath) return err_field(e, "file", "没有文件");
  Run *x = xcalloc(1, sizeof *x);
  x->db = db;
  x->actor = actor;
  x->r = r;
  x->e = e;
  x->kind = kind;
  x->zKind = r->zKind;
  x->zSource = zSource;
  x->aF = import_fields(kind, &x->nField);
  x->preview = 1;
  ImportResult res;
  memset(&res, 0, sizeof res);
  x->res = &res;
  int rc = 0;
  const char *zFrom = r->zMapping && !strchr(r->zMapping, '=') ? r->zMapping : zSource;
  int found = import_store_mapping_get(db, actor->orgId, r->zKind, zFrom, &x->zSavedColumns, NULL);
  if (found < 0) rc = app_db_fail(db, e);
  else if (!found && zFrom != zSource) rc = err_field(e, "mapping", "没有来源“%.100s”的已保存映射", zFrom);
  unsigned char aMagic[4] = {0};
  size_t nMagic = 0;
  FILE *f = rc ? NULL : fopen(r->zPath, "rb");
  if (!rc && !f) rc = err_set(e, 400, "import_file_invalid", "file", "无法打开文件：%s", strerror(errno));
  if (f) {
    nMagic = fread(aMagic, 1, 4, f);
    fclose(f);
  }
  if (!rc) {
    int xlsx = tabread_is_zip(aMagic, nMagic);
    TabReadOpts o = {.xRow = on_row, .pCtx = x, .maxInflated = r->maxInflated, .zSheet = r->zSheet};
    TabReadInfo info;
    int rr = xlsx ? tabread_xlsx_file(r->zPath, &o, &info, e) : tabread_csv_file(r->zPath, &o, &info, e);
    if (rr == 2 && x->pPreview) {
      json_object_set_new(x->pPreview, "format", json_string(xlsx ? "xlsx" : "csv"));
      json_object_set_new(x->pPreview, "encoding", json_string(info.encoding == TABREAD_GB18030 ? "gb18030" : "utf-8"));
      json_object_set_new(x->pPreview, "sheet", xlsx ? json_string(info.zSheet) : json_null());
      *out = x->pPreview;
      x->pPreview = NULL;
    } else if (rr == 0) {
      rc = err_set(e, 400, "import_file_invalid", "file", "文件中没有表头和数据");
    } else {
      rc = -1;
    }
  }
  json_decref(x->pPreview);
  for (int c = 0; c < x->nHeader; c++) free(x->azHeader[c]);
  free(x->zSavedColumns);
  free(x);
  return rc;
}

int imports_list(Db *db, const Actor *actor, const char *zList, ImportListFilter f, json_t **out, JwErr *e) {
  *out = NULL;
  if (!(actor->perms & PERM_DATA_IMPORT)) return err_set(e, 403, "forbidden", NULL, "您没有查看导入数据的权限");
  f.orgId = actor->orgId;
  if (strcmp(zList, "rejections") == 0) {
    int64_t id = import_store_batch_org(db, f.batchId);
    if (id < 0) return app_db_fail(db, e);
    if (id != actor->orgId) return err_set(e, 404, "not_found", NULL, "没有这个导入批次");
    *out = import_store_rejections_list(db, &f);
  } else if (strcmp(zList, "batches") == 0) {
    *out = import_store_batches_list(db, &f);
  } else if (strcmp(zList, "licence") == 0) {
    *out = import_store_licence_list(db, &f);
  } else {
    *out = import_store_penalty_list(db, &f);
  }
  if (!*out) return f.pExport && f.pExport->stopped ? err_internal(e, "export stopped") : app_db_fail(db, e);
  return 0;
}

int imports_batch_get(Db *db, const Actor *actor, int64_t batchId, int limit, json_t **out, JwErr *e) {
  *out = NULL;
  if (!(actor->perms & PERM_DATA_IMPORT)) return err_set(e, 403, "forbidden", NULL, "您没有查看导入数据的权限");
  json_t *o = import_store_batch_get(db, actor->orgId, batchId, limit);
  if (!o) return err_set(e, 404, "not_found", NULL, "没有这个导入批次");
  *out = o;
  return 0;
}
