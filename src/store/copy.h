/* copy.h: copying the tables of a Jianwu SQLite database into another Jianwu database (jianwu migrate moves an
 * office's file into the provincial PostgreSQL database; the target may be any Db, which the unit tests use).
 *
 * copy_plan() reads the source's own schema (sqlite_schema, pragma_table_info, pragma_foreign_key_list), checks every
 * table and column name against the schema this program creates (the migrations run on an in-memory database), and
 * works out, for each table with an integer id primary key, the id offset: the target's current max(id). Every id
 * and every column that references such a table gets its table's offset added as the rows are copied: the declared
 * foreign keys, the references without one (entity_id by entity_kind, deadline.person_id/prosecutor_id/
 * department_id, audit_log.org_id/user_id) and the ids kept inside JSON (approval.payload, case_event.data). With an
 * empty target every offset is 0 and the copy is identical.
 *
 * The caller holds the transactions: a read transaction on the source, db_begin() on the target. */
#ifndef JW_COPY_H
#define JW_COPY_H
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "store/db.h"

#define COPY_MAX_TABLES  64
#define COPY_MAX_COLUMNS 64 /* linkage_item (migration 11) has 50 */
#define COPY_NAME_MAX    48

typedef enum {
  COPY_ROWS = 0,         /* copied by copy_table_rows() */
  COPY_SKIP_TRANSIENT,   /* session, login_attempt, login_address: not copied */
  COPY_SKIP_TARGET_OWNS, /* calendar_import: the target has its own calendar */
  COPY_BY_CALLER,        /* audit_log on a target that has rows of its own: the caller appends to its chain */
} CopyMode;

typedef struct CopyColumn {
  char zName[COPY_NAME_MAX];
  int isInteger; /* declared INTEGER */
  int iRef;      /* the table (index in the plan) whose ids this column holds: its offset is added; -1 none */
  int byKind;    /* entity_id: the table follows the row's entity_kind ('case', 'case_person') */
} CopyColumn;

typedef struct CopyTable {
  char zName[COPY_NAME_MAX];
  int nCol;
  CopyColumn aCol[COPY_MAX_COLUMNS];
  int hasId;    /* an integer id primary key */
  int iKindCol; /* the entity_kind column, -1 */
  CopyMode mode;
  int64_t offset;  /* added to this table's ids: the target's max(id) before the copy (0 without an id) */
  int64_t nSource; /* rows in the source */
  int64_t nBefore; /* rows in the target before the copy */
  int64_t nCopied; /* rows the copy wrote */
} CopyTable;

typedef struct CopyPlan {
  int64_t firstOrgId;  /* the source's first org (lowest id), before remapping */
  char zOrgCodes[256]; /* the source's org codes, comma-separated (cut short when long) */
  int nTable;
  CopyTable aTable[COPY_MAX_TABLES]; /* in an order that inserts referenced rows first */
} CopyPlan;

/* Reads src's schema (a SQLite Db) and the target's row counts and offsets into p. A table or column this program
 * does not know, or one it knows that the source lacks, is refused (409). 0 or -1 with e filled. */
int copy_plan(Db *src, Db *dst, CopyPlan *p, JwErr *e);
/* The table named zName in p, or NULL. */
CopyTable *copy_table(CopyPlan *p, const char *zName);
/* id + the offset of table zTable (ids <= 0 stay as they are: 0 means none; so do ids of a table not copied). */
int64_t copy_remap(const CopyPlan *p, const char *zTable, int64_t id);
/* The table an audit row's entity names ("case" is case_record, "user" app_user ...), or NULL for an entity this
 * program does not write. */
const char *copy_entity_table(const char *zEntity);
/* The first thing of the source the target already holds (an org code or a login, both unique): 1 with
 * zWhat filled (a Chinese phrase), 0 none, -1 on a database error. */
int copy_find_conflict(Db *src, Db *dst, char *zWhat, size_t nWhat);

/* Called after each batch of rows and at the end of a table. */
typedef void (*CopyProgress)(void *ctx, const CopyTable *t, int64_t nDone);
/* Copies the rows of table t (mode COPY_ROWS) from src into dst through one prepared INSERT, ids remapped.
 * 0 or -1 with e filled. */
int copy_table_rows(Db *src, Db *dst, CopyPlan *p, CopyTable *t, CopyProgress xProgress, void *ctx, JwErr *e);
/* count(*) of t in db into *pn. 0 or -1. */
int copy_count_rows(Db *db, const CopyTable *t, int64_t *pn);

/* 1 for the tables derived from others and not copied (the case search's: store/case_search.h). */
int copy_is_derived(const char *zName);

#endif
