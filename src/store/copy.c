/* copy.c: copying a Jianwu SQLite database's tables into another Jianwu database with ids offset (see copy.h).
 *
 * Identifiers: the SELECT and INSERT of each table are assembled at run time from the names the source's schema
 * gives, and only after each name was found in the schema this program's own migrations create (a reference
 * database in memory) and checked to be a plain lowercase identifier; they are double-quoted, which both SQLite and
 * PostgreSQL read as an identifier. Every value is bound. */
#include "store/copy.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "store/db_internal.h"

#define COPY_BATCH_ROWS 2000 /* progress is reported after each batch */

/* References the schema does not declare as foreign keys. */
static const struct {
  const char *zTable, *zColumn, *zRef;
} aExtraRef[] = {
    {"deadline", "person_id", "case_person"}, /* 0: the period binds no one person */
    {"deadline", "prosecutor_id", "app_user"},
    {"deadline", "department_id", "department"},
    {"audit_log", "org_id", "org"},
    {"audit_log", "user_id", "app_user"},
    {"linkage_item", "suggestion_id", "suggestion"}, /* the 检察建议 a 跟进监督 opened (issue 10) */
};

/* entity_id columns whose table follows the row's entity_kind. */
static const struct {
  const char *zTable, *zColumn;
} aByKind[] = {{"deadline", "entity_id"},
               {"clock_stop", "entity_id"},
               {"approval", "entity_id"},
               /* documents */ {"document", "entity_id"},
               /* suggestions (issue 10): a suggestion's linked records */
               {"suggestion_link", "entity_id"}};

/* The entity_kind values the program writes (src/app: DeadlineOwner, ApprovalRequest, clock_stop_insert). */
static const struct {
  const char *zKind, *zTable;
} aKindTable[] = {{"case", "case_record"},
                  {"case_person", "case_person"},
                  /* linkage */ {"linkage", "linkage_item"},
                  /* suggestions */ {"suggestion", "suggestion"},
                  /* petitions (issue 13) */ {"petition", "petition"},
                  /* leads (issue 12 §3): a suggestion's linked lead */ {"lead", "lead"}};

/* Ids kept inside JSON text: approval.payload is a proposed event's input, applied when approved; case_event.data
 * the event as recorded (the timeline shows the users it names). */
static const struct {
  const char *zTable, *zColumn, *zKey, *zRef;
} aJsonRef[] = {
    {"approval", "payload", "person_id", "case_person"},
    {"approval", "payload", "prosecutor_id", "app_user"},
    {"case_event", "data", "approval_id", "approval"},
    {"case_event", "data", "proposed_by", "app_user"},
    {"case_event", "data", "approved_by", "app_user"},
    {"case_event", "data", "prosecutor_id", "app_user"},
    /* linkage */
    {"approval", "payload", "agency_id", "agency"},
    {"linkage_event", "data", "approval_id", "approval"},
    {"linkage_event", "data", "proposed_by", "app_user"},
    {"linkage_event", "data", "approved_by", "app_user"},
    {"linkage_event", "data", "agency_id", "agency"},
    /* suggestions (issue 10): the timeline's data, and the copies (抄送: an array of {agency_id, name}) */
    {"suggestion_event", "data", "approval_id", "approval"},
    {"suggestion_event", "data", "proposed_by", "app_user"},
    {"suggestion_event", "data", "approved_by", "app_user"},
    {"suggestion_event", "data", "agency_id", "agency"},
    {"suggestion", "copies", "agency_id", "agency"},
    /* petitions (issue 13): the timeline's data names users and earlier petitions */
    {"petition_event", "data", "handler_id", "app_user"},
    {"petition_event", "data", "from_handler_id", "app_user"},
    {"petition_event", "data", "first_handler_id", "app_user"},
    {"petition_event", "data", "department_id", "department"},
    {"petition_event", "data", "agency_id", "agency"},
    {"petition_event", "data", "case_id", "case_record"},
    {"petition_event", "data", "repeat_of", "petition"},
    {"petition_event", "data", "leader_id", "app_user"},
    {"petition_event", "data", "responsible_id", "app_user"},
    /* leads (issue 12 §3): a run's inputs name the import batches it read */
    {"match_run", "inputs", "batch_id", "import_batch"},
};

/* The entities audit_append() is called with, and their tables. */
static const struct {
  const char *zEntity, *zTable;
} aEntityTable[] = {{"org", "org"},
                    {"department", "department"},
                    {"user", "app_user"},
                    {"case", "case_record"},
                    {"approval", "approval"},
                    {"calendar", "calendar_import"},
                    {"document", "document"},
                    {"linkage", "linkage_item"},
                    {"suggestion", "suggestion"},
                    {"import", "import_batch"},
                    {"agency", "agency"},
                    {"document_template", "document_template"},
                    /* stats (issue 11): an indicator's code and a period, not row ids */
                    {"stat_indicator_config", "stat_indicator_config"},
                    {"stat_snapshot", "stat_snapshot"},
                    {"petition", "petition"}, /* petitions (issue 13) */
                    /* people (issue 14) */
                    {"staff_entry", "staff_entry"},
                    {"rotation_plan", "rotation_plan"},
                    {"rotation_stint", "rotation_stint"},
                    {"staff_secondary", "staff_secondary"},
                    {"mentor_pool", "mentor_pool"},
                    {"mentor_pair", "mentor_pair"},
                    {"mentor_talk", "mentor_talk"},
                    {"mentor_demo", "mentor_demo"},
                    {"course", "course"},
                    {"integrity_talk", "integrity_talk"},
                    /* leads (issue 12 §3) */
                    {"match_model", "match_model"},
                    {"lead", "lead"},
                    {"lead_candidate", "lead_candidate"}};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int copy_is_identifier(const char *z) {
  size_t n = strlen(z);
  if (n == 0 || n >= COPY_NAME_MAX) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (!((c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9'))) return 0;
  }
  return 1;
}

static int copy_index(const CopyPlan *p, const char *zName) {
  for (int i = 0; i < p->nTable; i++) {
    if (strcmp(p->aTable[i].zName, zName) == 0) return i;
  }
  return -1;
}

CopyTable *copy_table(CopyPlan *p, const char *zName) {
  int i = copy_index(p, zName);
  return i < 0 ? NULL : &p->aTable[i];
}

int64_t copy_remap(const CopyPlan *p, const char *zTable, int64_t id) {
  int i = copy_index(p, zTable);
  if (i < 0 || id <= 0) return id;
  const CopyTable *t = &p->aTable[i];
  return t->mode == COPY_ROWS || t->mode == COPY_BY_CALLER ? id + t->offset : id;
}

const char *copy_entity_table(const char *zEntity) {
  for (size_t i = 0; zEntity && i < COUNT(aEntityTable); i++) {
    if (strcmp(aEntityTable[i].zEntity, zEntity) == 0) return aEntityTable[i].zTable;
  }
  return NULL;
}

/* One integer from a statement assembled of checked names (sql-safe), or -1 into *pn on error. */
static int copy_query_int(Db *db, const char *zSql, int64_t *pn) {
  Stmt *s = db_prepare_uncached(db, zSql); /* sql-safe: checked identifiers only (copy_sql_*) */
  int rc = db_step(s);
  *pn = rc == DB_ROW ? db_col_int(s, 0) : -1;
  db_finalize(s);
  return rc == DB_ROW ? 0 : -1;
}

/* zSelect followed by table t's quoted name ("SELECT count(*) FROM " ...), run for one integer. */
static int copy_table_int(Db *db, const char *zSelect, const CopyTable *t, int64_t *pn) {
  Buf b = BUF_INIT;
  buf_puts(&b, zSelect);
  buf_puts(&b, "\"");
  buf_puts(&b, t->zName);
  buf_puts(&b, "\"");
  int rc = copy_query_int(db, buf_cstr(&b), pn);
  buf_free(&b);
  return rc;
}

int copy_count_rows(Db *db, const CopyTable *t, int64_t *pn) {
  return copy_table_int(db, "SELECT count(*) FROM ", t, pn);
}

static int copy_max_id(Db *db, const CopyTable *t, int64_t *pn) {
  return copy_table_int(db, "SELECT coalesce(max(\"id\"), 0) FROM ", t, pn);
}

/* Reads the columns of source table t and checks them against the reference schema. */
static int copy_read_columns(Db *src, Db *ref, CopyTable *t, JwErr *e) {
  Stmt *s = db_prepare(src, "SELECT name, upper(type), pk FROM pragma_table_info(?1) ORDER BY cid");
  db_bind_text(s, 1, t->zName);
  int rc, nPk = 0, idPk = 0;
  while ((rc = db_step(s)) == DB_ROW) {
    const char *zCol = db_col_text(s, 0), *zType = db_col_text(s, 1);
    int pk = (int)db_col_int(s, 2);
    Stmt *r = db_prepare(ref, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2 AND upper(type) = ?3");
    db_bind_text(r, 1, t->zName);
    db_bind_text(r, 2, zCol);
    db_bind_text(r, 3, zType);
    int known = db_step(r) == DB_ROW && db_col_int(r, 0) == 1;
    db_done(r);
    if (!known || !copy_is_identifier(zCol) || t->nCol >= COPY_MAX_COLUMNS) {
      err_set(e, 409, "conflict", "from", "源数据库的表 %s 含有本程序不认识的列 %.40s", t->zName, zCol);
      db_done(s);
      return -1;
    }
    CopyColumn *c = &t->aCol[t->nCol++];
    snprintf(c->zName, sizeof c->zName, "%s", zCol);
    c->isInteger = strcmp(zType, "INTEGER") == 0;
    c->iRef = -1;
    if (pk) nPk++;
    if (pk && c->isInteger && strcmp(zCol, "id") == 0) idPk = 1;
    if (strcmp(zCol, "entity_kind") == 0) t->iKindCol = t->nCol - 1;
  }
  db_done(s);
  if (rc == DB_ERROR) return err_internal(e, db_errmsg(src));
  Stmt *r = db_prepare(ref, "SELECT count(*) FROM pragma_table_info(?1)");
  db_bind_text(r, 1, t->zName);
  int64_t nRef = db_step(r) == DB_ROW ? db_col_int(r, 0) : -1;
  db_done(r);
  if (nRef != t->nCol) {
    return err_set(e, 409, "conflict", "from", "源数据库的表 %s 与本程序的数据库结构不一致（%d 列，应为 %lld 列）",
                   t->zName, t->nCol, (long long)nRef);
  }
  t->hasId = idPk && nPk == 1;
  return 0;
}

static CopyColumn *copy_column(CopyTable *t, const char *zName) {
  for (int i = 0; i < t->nCol; i++) {
    if (strcmp(t->aCol[i].zName, zName) == 0) return &t->aCol[i];
  }
  return NULL;
}

/* The references of table i: its declared foreign keys (from the source), then aExtraRef and aByKind. */
static int copy_read_refs(Db *src, CopyPlan *p, int i, JwErr *e) {
  CopyTable *t = &p->aTable[i];
  Stmt *s = db_prepare(src, "SELECT \"from\", \"table\", coalesce(\"to\", 'id') FROM pragma_foreign_key_list(?1)");
  db_bind_text(s, 1, t->zName);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    CopyColumn *c = copy_column(t, db_col_text(s, 0));
    int iRef = copy_index(p, db_col_text(s, 1));
    if (!c || iRef < 0 || strcmp(db_col_text(s, 2), "id") != 0) {
      err_set(e, 409, "conflict", "from", "源数据库的表 %s 含有本程序不认识的外键", t->zName);
      db_done(s);
      return -1;
    }
    c->iRef = iRef;
  }
  db_done(s);
  if (rc == DB_ERROR) return err_internal(e, db_errmsg(src));
  for (size_t k = 0; k < COUNT(aExtraRef); k++) {
    if (strcmp(aExtraRef[k].zTable, t->zName) != 0) continue;
    CopyColumn *c = copy_column(t, aExtraRef[k].zColumn);
    if (c) c->iRef = copy_index(p, aExtraRef[k].zRef);
  }
  for (size_t k = 0; k < COUNT(aByKind); k++) {
    if (strcmp(aByKind[k].zTable, t->zName) != 0) continue;
    CopyColumn *c = copy_column(t, aByKind[k].zColumn);
    if (c && t->iKindCol >= 0) c->byKind = 1;
  }
  return 0;
}

/* Orders the tables so that every table comes after those its foreign keys reference (org references itself). */
static int copy_order(CopyPlan *p, JwErr *e) {
  CopyTable aOut[COPY_MAX_TABLES];
  int aDone[COPY_MAX_TABLES] = {0}, aMap[COPY_MAX_TABLES], n = 0;
  while (n < p->nTable) {
    int progress = 0;
    for (int i = 0; i < p->nTable; i++) {
      if (aDone[i]) continue;
      int ready = 1;
      for (int k = 0; k < p->aTable[i].nCol; k++) {
        int r = p->aTable[i].aCol[k].iRef;
        if (r >= 0 && r != i && !aDone[r]) ready = 0;
      }
      if (!ready) continue;
      aMap[i] = n;
      aOut[n++] = p->aTable[i];
      aDone[i] = 1;
      progress = 1;
    }
    if (!progress) return err_set(e, 409, "conflict", "from", "源数据库的外键构成循环，无法确定复制顺序");
  }
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < aOut[i].nCol; k++) {
      if (aOut[i].aCol[k].iRef >= 0) aOut[i].aCol[k].iRef = aMap[aOut[i].aCol[k].iRef];
    }
  }
  memcpy(p->aTable, aOut, sizeof(CopyTable) * (size_t)n);
  return 0;
}

/* 1 for the case search's tables (case_search, and on SQLite its FTS5 table and that table's shadow tables): they
 * are derived from the cases and not copied; the caller rebuilds the copied cases' documents in the target
 * (case_search_rebuild_range), whose own index (FTS5 or pg_trgm) follows. */
int copy_is_derived(const char *zName) {
  return strncmp(zName, "case_search", 11) == 0;
}

/* Reads the source's tables and columns into p, each checked against ref. */
static int copy_read_schema(Db *src, Db *ref, CopyPlan *p, JwErr *e) {
  Stmt *s = db_prepare(src, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    const char *zName = db_col_text(s, 0);
    if (strncmp(zName, "sqlite_", 7) == 0) continue; /* SQLite's own (sqlite_stat1 after ANALYZE) */
    if (copy_is_derived(zName)) continue;
    Stmt *r = db_prepare(ref, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    db_bind_text(r, 1, zName);
    int known = db_step(r) == DB_ROW && db_col_int(r, 0) == 1;
    db_done(r);
    if (!known || !copy_is_identifier(zName) || p->nTable >= COPY_MAX_TABLES) {
      err_set(e, 409, "conflict", "from", "源数据库含有本程序不认识的表 %.40s", zName);
      db_done(s);
      return -1;
    }
    CopyTable *t = &p->aTable[p->nTable++];
    snprintf(t->zName, sizeof t->zName, "%s", zName);
    t->iKindCol = -1;
  }
  db_done(s);
  if (rc == DB_ERROR) return err_internal(e, db_errmsg(src));
  Stmt *r = db_prepare(ref,
                       "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                       " AND substr(name, 1, 11) <> 'case_search'");
  int64_t nRef = db_step(r) == DB_ROW ? db_col_int(r, 0) : -1;
  db_done(r);
  if (nRef != p->nTable) {
    return err_set(e, 409, "conflict", "from", "源数据库的数据表（%d 张）与本程序的数据库结构（%lld 张）不一致",
                   p->nTable, (long long)nRef);
  }
  for (int i = 0; i < p->nTable; i++) {
    if (copy_read_columns(src, ref, &p->aTable[i], e)) return -1;
  }
  for (int i = 0; i < p->nTable; i++) {
    if (copy_read_refs(src, p, i, e)) return -1;
  }
  return copy_order(p, e);
}

int copy_plan(Db *src, Db *dst, CopyPlan *p, JwErr *e) {
  memset(p, 0, sizeof *p);
  if (db_backend(src) != DB_SQLITE) return err_set(e, 400, "invalid", "from", "源数据库必须是 SQLite 文件");
  Db *ref = NULL;
  if (db_open(":memory:", DB_OPEN_CREATE, &ref, e)) return -1; /* the schema this program creates */
  int rc = copy_read_schema(src, ref, p, e);
  db_close(ref);
  if (rc) return -1;
  Stmt *s = db_prepare(src, "SELECT id, code FROM org ORDER BY id");
  while (db_step(s) == DB_ROW) {
    if (!p->firstOrgId) p->firstOrgId = db_col_int(s, 0);
    size_t n = strlen(p->zOrgCodes);
    snprintf(p->zOrgCodes + n, sizeof p->zOrgCodes - n, "%s%s", n ? "," : "", db_col_text(s, 1));
  }
  db_done(s);
  for (int i = 0; i < p->nTable; i++) {
    CopyTable *t = &p->aTable[i];
    if (copy_count_rows(src, t, &t->nSource) || copy_count_rows(dst, t, &t->nBefore) ||
        (t->hasId && copy_max_id(dst, t, &t->offset))) {
      return err_set(e, 500, "internal", NULL, "无法读取表 %s 的行数：%s", t->zName, db_errmsg(dst));
    }
    if (!strcmp(t->zName, "session") || !strcmp(t->zName, "login_attempt") || !strcmp(t->zName, "login_address")) {
      t->mode = COPY_SKIP_TRANSIENT;
    } else if (!strcmp(t->zName, "calendar_import") && t->nBefore > 0) {
      t->mode = COPY_SKIP_TARGET_OWNS;
    }
  }
  /* audit_log: verbatim into an empty target (every reference unchanged); else the caller extends the chain */
  CopyTable *a = copy_table(p, "audit_log");
  if (a) {
    int same = a->nBefore == 0;
    for (int i = 0; i < a->nCol; i++) {
      if (a->aCol[i].iRef >= 0 && p->aTable[a->aCol[i].iRef].offset != 0) same = 0;
    }
    for (size_t k = 0; k < COUNT(aEntityTable); k++) {
      CopyTable *t = copy_table(p, aEntityTable[k].zTable);
      if (t && t->offset != 0) same = 0;
    }
    if (!same) a->mode = COPY_BY_CALLER;
  }
  return 0;
}

int copy_find_conflict(Db *src, Db *dst, char *zWhat, size_t nWhat) {
  static const struct {
    const char *zSrc, *zDst, *zLabel;
  } aCheck[] = {
      {"SELECT code FROM org ORDER BY id", "SELECT count(*) FROM org WHERE code = ?1", "机构代码"},
      {"SELECT login FROM app_user ORDER BY id", "SELECT count(*) FROM app_user WHERE login = ?1", "登录名"},
  };
  for (size_t k = 0; k < COUNT(aCheck); k++) {
    Stmt *s = db_prepare_uncached(src, aCheck[k].zSrc); /* sql-safe: the literals just above */
    Stmt *d = db_prepare_uncached(dst, aCheck[k].zDst); /* sql-safe: the literals just above */
    int rc, found = 0;
    while (!found && (rc = db_step(s)) == DB_ROW) {
      db_done(d);
      db_bind_text(d, 1, db_col_text(s, 0));
      int rd = db_step(d);
      if (rd != DB_ROW) {
        rc = DB_ERROR;
        break;
      }
      if (db_col_int(d, 0) > 0) {
        snprintf(zWhat, nWhat, "%s %s", aCheck[k].zLabel, db_col_text(s, 0));
        found = 1;
      }
    }
    db_finalize(s);
    db_finalize(d);
    if (found) return 1;
    if (rc == DB_ERROR) return -1;
  }
  return 0;
}

/* The table entity_kind zKind names, or -1. */
static int copy_kind_table(const CopyPlan *p, const char *zKind) {
  for (size_t k = 0; k < COUNT(aKindTable); k++) {
    if (strcmp(aKindTable[k].zKind, zKind) == 0) return copy_index(p, aKindTable[k].zTable);
  }
  return -1;
}

/* Adds offset to the positive integer o[zKey] (o an object, or an array of objects: each of them). 1 when changed. */
static int copy_json_shift(json_t *o, const char *zKey, int64_t offset) {
  if (json_is_array(o)) {
    int changed = 0;
    size_t i;
    json_t *x;
    json_array_foreach(o, i, x) changed |= copy_json_shift(x, zKey, offset);
    return changed;
  }
  json_t *v = json_object_get(o, zKey);
  if (!json_is_integer(v) || json_integer_value(v) <= 0) return 0;
  json_object_set_new(o, zKey, json_integer(json_integer_value(v) + offset));
  return 1;
}

/* JSON text z with the ids of aJsonRef for t.zColumn remapped, or NULL when nothing changes (heap memory). */
static char *copy_json_remap(const CopyPlan *p, const CopyTable *t, const char *zColumn, const char *z) {
  json_t *o = NULL;
  int changed = 0;
  for (size_t k = 0; k < COUNT(aJsonRef); k++) {
    if (strcmp(aJsonRef[k].zTable, t->zName) != 0 || strcmp(aJsonRef[k].zColumn, zColumn) != 0) continue;
    int iRef = copy_index(p, aJsonRef[k].zRef);
    if (iRef < 0 || p->aTable[iRef].offset == 0) continue;
    if (!o && !(o = json_loads(z, 0, NULL))) return NULL;
    changed |= copy_json_shift(o, aJsonRef[k].zKey, p->aTable[iRef].offset);
  }
  char *zOut = changed ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL; /* as the store writes it */
  json_decref(o);
  return zOut;
}

/* "SELECT "a", "b" FROM "t" ORDER BY ..." of checked names. */
static void copy_sql_select(const CopyTable *t, Buf *b) {
  buf_puts(b, "SELECT ");
  for (int i = 0; i < t->nCol; i++) {
    buf_puts(b, i ? ", \"" : "\"");
    buf_puts(b, t->aCol[i].zName);
    buf_puts(b, "\"");
  }
  buf_puts(b, " FROM \"");
  buf_puts(b, t->zName);
  buf_puts(b, t->hasId ? "\" ORDER BY \"id\"" : "\" ORDER BY rowid");
}

/* "INSERT INTO "t"("a", "b") VALUES (?1, ?2), (?3, ?4) ..." for nRows rows, of checked names. */
static void copy_sql_insert(const CopyTable *t, int nRows, Buf *b) {
  buf_puts(b, "INSERT INTO \"");
  buf_puts(b, t->zName);
  buf_puts(b, "\"(");
  for (int i = 0; i < t->nCol; i++) {
    buf_puts(b, i ? ", \"" : "\"");
    buf_puts(b, t->aCol[i].zName);
    buf_puts(b, "\"");
  }
  buf_puts(b, ") VALUES ");
  for (int r = 0; r < nRows; r++) {
    buf_puts(b, r ? ", (" : "(");
    for (int i = 0; i < t->nCol; i++) buf_printf(b, i ? ", ?%d" : "?%d", r * t->nCol + i + 1);
    buf_puts(b, ")");
  }
}

/* Binds column i of the source row in s to parameter iParam of ins, remapped. 0 or -1 with e filled. */
static int copy_bind(const CopyPlan *p, const CopyTable *t, int i, Stmt *s, Stmt *ins, int iParam, JwErr *e) {
  const CopyColumn *c = &t->aCol[i];
  int type = sqlite3_column_type(s->lite, i);
  if (type == SQLITE_NULL) {
    db_bind_null(ins, iParam);
    return 0;
  }
  int iRef = c->iRef;
  if (c->byKind) {
    const char *zKind = db_col_text(s, t->iKindCol);
    if ((iRef = copy_kind_table(p, zKind)) < 0) {
      return err_set(e, 409, "conflict", "from", "表 %s 中有本程序不认识的 entity_kind %.40s", t->zName, zKind);
    }
  }
  if (t->hasId && strcmp(c->zName, "id") == 0) iRef = (int)(t - p->aTable);
  if (c->isInteger) {
    if (type != SQLITE_INTEGER) {
      return err_set(e, 409, "conflict", "from", "表 %s 的列 %s 中有不是整数的值", t->zName, c->zName);
    }
    int64_t v = db_col_int(s, i);
    if (iRef >= 0 && v > 0) v += p->aTable[iRef].offset;
    db_bind_int(ins, iParam, v);
    return 0;
  }
  const char *z = (const char *)sqlite3_column_text(s->lite, i);
  int n = sqlite3_column_bytes(s->lite, i);
  char *zJson = copy_json_remap(p, t, c->zName, z ? z : "");
  if (zJson) db_bind_text(ins, iParam, zJson);
  else db_bind_textn(ins, iParam, z ? z : "", n);
  free(zJson);
  return 0;
}

/* A prepared INSERT of nRows rows into t (uncached: release with db_finalize). */
static Stmt *copy_prepare_insert(Db *dst, const CopyTable *t, int nRows) {
  Buf b = BUF_INIT;
  copy_sql_insert(t, nRows, &b);
  Stmt *w = db_prepare_uncached(dst, buf_cstr(&b)); /* sql-safe: names checked against the program's schema */
  buf_free(&b);
  return w;
}

int copy_table_rows(Db *src, Db *dst, CopyPlan *p, CopyTable *t, CopyProgress xProgress, void *ctx, JwErr *e) {
  if (t->mode != COPY_ROWS) return 0;
  /* Rows go in batches of k per INSERT (as many as the parameter limit allows: one round trip for k rows on
   * PostgreSQL); the rows after the last whole batch (the count is known: the source is one snapshot) one by one. */
  int k = DB_MAX_PARAM / t->nCol;
  if (k > 64) k = 64;
  int64_t nBatched = t->nSource / k * k;
  Buf sel = BUF_INIT;
  copy_sql_select(t, &sel);
  Stmt *s = db_prepare_uncached(src, buf_cstr(&sel)); /* sql-safe: names checked against the program's schema */
  buf_free(&sel);
  Stmt *wBatch = k > 1 && nBatched > 0 ? copy_prepare_insert(dst, t, k) : NULL;
  Stmt *wOne = copy_prepare_insert(dst, t, 1);
  int rc, out = 0;
  int64_t nRead = 0, nNext = COPY_BATCH_ROWS;
  t->nCopied = 0;
  while (!out && (rc = db_step(s)) == DB_ROW) {
    int batched = wBatch && nRead < nBatched;
    Stmt *w = batched ? wBatch : wOne;
    int j = batched ? (int)(nRead % k) : 0;
    if (j == 0) db_done(w);
    for (int i = 0; i < t->nCol && !out; i++) out = copy_bind(p, t, i, s, w, j * t->nCol + i + 1, e);
    nRead++;
    if (out || (batched && j < k - 1)) continue;
    if (db_step(w) != DB_DONE) {
      out = err_set(e, 500, "internal", NULL, "写入表 %s 失败：%s", t->zName, db_errmsg(dst));
      break;
    }
    t->nCopied += db_changes(dst);
    if (xProgress && t->nCopied >= nNext) {
      xProgress(ctx, t, t->nCopied);
      nNext = t->nCopied + COPY_BATCH_ROWS;
    }
  }
  if (!out && rc == DB_ERROR) out = err_set(e, 500, "internal", NULL, "读取源表 %s 失败：%s", t->zName, db_errmsg(src));
  if (!out && nRead != t->nSource) {
    out = err_set(e, 500, "internal", NULL, "源表 %s 在复制时改变了（%lld 行，应为 %lld 行）", t->zName,
                  (long long)nRead, (long long)t->nSource);
  }
  db_finalize(s);
  if (wBatch) db_finalize(wBatch);
  db_finalize(wOne);
  if (!out && xProgress) xProgress(ctx, t, t->nCopied);
  return out;
}
