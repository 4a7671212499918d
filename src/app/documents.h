/* documents.h: the one 文书 mechanism (issue 10 §4). A document is issued from its type's template (the office's
 * newest version, else the built-in text), filled from fields the calling capability passes, numbered from the
 * office's 文号 sequence for (type, year) and frozen: its number, fields and rendered text never change. A reissue
 * is a new document under a new number; the old one is kept, marked superseded. docs/api-documents.md. */
#ifndef JW_DOCUMENTS_H
#define JW_DOCUMENTS_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/document_store.h"

typedef struct DocIssue {
  const char *zType;       /* a code of doc_types (core/document.h) */
  const char *zEntityKind; /* the record it belongs to: "case_person", "linkage", "suggestion" ... */
  long long entityId;
  long long caseId;    /* 0: none */
  const char *zOnDate; /* the 成文日期 'YYYY-MM-DD'; NULL: today (China time) */
  json_t *pFields;     /* borrowed: the values of the type's placeholders (strings or integers) */
} DocIssue;

/* Issues a document inside the caller's transaction (the sequence is taken there: a rollback gives the number back;
 * the writes are serialised, so two issues never share one). Audited as document.issue. *pId gets the new id.
 * 0, or -1 with e filled (400 naming the field for an unknown type, a bad or future date, entity or field; 409 when
 * the 文号 format gives a number too long or one already used). */
int documents_issue(Db *db, const Actor *actor, const DocIssue *in, long long *pId, JwErr *e);
/* The entity's documents, newest first: *out = [{id, type, type_name, number, title, issued_on, superseded_by}]. */
int documents_for_entity(Db *db, const Actor *actor, const char *zEntityKind, long long id, json_t **out, JwErr *e);

/* One document with what its print view needs (org_name, type_name). 404 when not the office's. */
int documents_get(Db *db, const Actor *actor, long long id, json_t **out, JwErr *e);
/* Reissues a document in a transaction of its own: same type, record and fields, today's date, the template in
 * force, a new number naming the old one (kept as it was, shown superseded_by the new one). 409 when it is superseded
 * already; 403 when it belongs to a case the actor does not handle (cases_may_handle_id). */
int documents_reissue(Db *db, const Actor *actor, long long id, json_t **out, JwErr *e);
/* The office's documents (store_list()). f->orgId is set from the actor. */
int documents_list(Db *db, const Actor *actor, DocumentFilter f, json_t **out, JwErr *e);

/* Every type with the template in force: {"items":[{type, name, abbr, version, title, body, default_title,
 * default_body, placeholders:[{name,label}]}], "number_format", "number_example"}. */
int documents_templates(Db *db, const Actor *actor, json_t **out, JwErr *e);
/* A new version of a type's template {type, title, body}: the placeholders are checked against the type; audited
 * (document_template.update, before/after). *out: the type's entry as documents_templates lists it. */
int documents_template_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* The office's 文号 format {number_format}: checked (core/document.h), audited (document_settings.update). */
int documents_settings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

#endif
