/* schema.c: the migrations, in order, for both backends. Never edit a migration that has shipped: add a new one.
 *
 * The migrations are written once, in the SQL both understand, with SQLite's type names; for PostgreSQL
 * schema_pg_ddl() turns INTEGER into BIGINT (an "INTEGER PRIMARY KEY" into an identity column) and quotes the one
 * name PostgreSQL reserves (the index session_user). What has no common
 * form is here and nowhere else: the triggers that keep the audit log append-only, and, for PostgreSQL, the three
 * SQLite functions the store's queries use (julianday, date with a modifier, group_concat) as SQL functions.
 *
 * Conventions (docs/architecture.md): every business table carries org_id; legal dates are 'YYYY-MM-DD' text;
 * instants are UTC ISO-8601 text ending in 'Z'; enumerations are snake_case codes checked by CHECK constraints.
 * Table names avoid SQL keywords (app_user, not user) so the same SQL runs on PostgreSQL. */
#include "store/schema.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "store/case_search.h"

static const char *const aMigration[] = {
    /* 1: organisations, departments, users, roles, sessions, audit log */
    "CREATE TABLE org("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  level TEXT NOT NULL CHECK(level IN ('province','city','county')),"
    "  parent_id INTEGER REFERENCES org(id),"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX org_parent ON org(parent_id);"
    "CREATE TABLE department("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  name TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK(kind IN ('criminal','case_management','administrative','petition','political',"
    "                                    'leadership','office','other')),"
    "  created_at TEXT NOT NULL,"
    "  UNIQUE(org_id, name));"
    "CREATE TABLE app_user("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  department_id INTEGER REFERENCES department(id),"
    "  login TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  password_hash TEXT NOT NULL,"
    "  active INTEGER NOT NULL DEFAULT 1 CHECK(active IN (0,1)),"
    "  failed_logins INTEGER NOT NULL DEFAULT 0,"
    "  locked_until INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX app_user_org ON app_user(org_id, department_id);"
    "CREATE TABLE user_role("
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  role TEXT NOT NULL CHECK(role IN ('admin','leader','prosecutor','assistant','case_manager',"
    "                                    'admin_prosecutor','petition_officer','political_officer','clerk')),"
    "  PRIMARY KEY(user_id, role));"
    "CREATE TABLE session("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  csrf_token TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  last_seen INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL);"
    "CREATE INDEX session_user ON session(user_id);"
    "CREATE TABLE audit_log("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  org_id INTEGER,"
    "  user_id INTEGER,"
    "  action TEXT NOT NULL,"
    "  entity TEXT NOT NULL,"
    "  entity_id TEXT,"
    "  before_json TEXT,"
    "  after_json TEXT,"
    "  prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL);"
    "CREATE INDEX audit_log_org ON audit_log(org_id, id);", /* + aAppendOnly, in the backend's dialect */
    /* 2: the legal calendar. Each import is kept whole; the calendar in force is the shipped data with every import
     * applied in order (an import replaces the years it declares). The newest import id is the calendar version. */
    "CREATE TABLE calendar_import("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  user_id INTEGER REFERENCES app_user(id),"
    "  years TEXT NOT NULL,"
    "  text TEXT NOT NULL);",
    /* 3: cases, persons, charges, events, deadlines (DOMAIN.md 0.2, 2). Deadlines are materialised rows, recomputed
     * by every event and by calendar changes, so "due this week" and "overdue" are index range scans. */
    "ALTER TABLE org ADD COLUMN short_name TEXT;"
    "ALTER TABLE org ADD COLUMN case_number_format TEXT NOT NULL DEFAULT '{short}检{type}受〔{year}〕{n}号';"
    "CREATE TABLE org_setting("
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY(org_id, key));"
    "CREATE TABLE case_sequence("
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  year INTEGER NOT NULL,"
    "  case_type TEXT NOT NULL,"
    "  last INTEGER NOT NULL,"
    "  PRIMARY KEY(org_id, year, case_type));"
    "CREATE TABLE case_record("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  case_number TEXT NOT NULL,"
    "  case_type TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  source_agency TEXT NOT NULL,"
    "  source_number TEXT,"
    "  received_on TEXT NOT NULL,"
    "  department_id INTEGER REFERENCES department(id),"
    "  prosecutor_id INTEGER REFERENCES app_user(id),"
    "  status TEXT NOT NULL CHECK(status IN ('under_review','returned','concluded','archived','transferred')),"
    "  major_complex INTEGER NOT NULL DEFAULT 0,"
    "  summary_procedure INTEGER NOT NULL DEFAULT 0,"
    "  prior_returns INTEGER NOT NULL DEFAULT 0 CHECK(prior_returns BETWEEN 0 AND 2),"
    "  concluded_on TEXT,"
    "  archived_on TEXT,"
    "  transferred_on TEXT,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE(org_id, case_number));"
    "CREATE INDEX case_record_received ON case_record(org_id, received_on);"
    "CREATE INDEX case_record_status ON case_record(org_id, status, received_on);"
    "CREATE INDEX case_record_prosecutor ON case_record(org_id, prosecutor_id, status);"
    "CREATE INDEX case_record_department ON case_record(org_id, department_id, id);"
    "CREATE TABLE case_person("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  case_id INTEGER NOT NULL REFERENCES case_record(id),"
    "  name TEXT NOT NULL,"
    "  id_number TEXT,"
    "  sex TEXT CHECK(sex IN ('M','F')),"
    "  birth_date TEXT,"
    "  custody TEXT NOT NULL,"
    "  custody_since TEXT,"
    "  plea INTEGER NOT NULL DEFAULT 0,"
    "  sentence_band TEXT,"
    "  decision TEXT,"
    "  non_prosecution_type TEXT,"
    "  decision_on TEXT,"
    "  judgment_on TEXT,"
    "  sentence TEXT,"
    "  recommendation_adopted INTEGER,"
    "  judgment_consistent INTEGER,"
    "  UNIQUE(case_id, id_number));"
    "CREATE INDEX case_person_case ON case_person(case_id);"
    "CREATE INDEX case_person_id_number ON case_person(org_id, id_number);"
    "CREATE INDEX case_person_name ON case_person(org_id, name);"
    "CREATE TABLE case_person_charge("
    "  person_id INTEGER NOT NULL REFERENCES case_person(id),"
    "  charge TEXT NOT NULL,"
    "  PRIMARY KEY(person_id, charge));"
    "CREATE INDEX case_person_charge_charge ON case_person_charge(charge, person_id);"
    "CREATE TABLE case_event("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  case_id INTEGER NOT NULL REFERENCES case_record(id),"
    "  kind TEXT NOT NULL,"
    "  on_date TEXT NOT NULL,"
    "  person_id INTEGER REFERENCES case_person(id),"
    "  data TEXT,"
    "  user_id INTEGER REFERENCES app_user(id),"
    "  at TEXT NOT NULL);"
    "CREATE INDEX case_event_case ON case_event(case_id, id);"
    "CREATE TABLE deadline("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  case_id INTEGER NOT NULL REFERENCES case_record(id),"
    "  kind TEXT NOT NULL,"
    "  sequence INTEGER NOT NULL,"
    "  start_on TEXT NOT NULL,"
    "  length TEXT NOT NULL,"
    "  extra_days INTEGER NOT NULL DEFAULT 0,"
    "  custody_bound INTEGER NOT NULL,"
    "  due_on TEXT NOT NULL,"
    "  warn_days INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('open','closed')),"
    "  closed_on TEXT,"
    "  provisional INTEGER NOT NULL DEFAULT 0,"
    "  rule TEXT NOT NULL,"
    "  prosecutor_id INTEGER,"
    "  department_id INTEGER,"
    "  UNIQUE(case_id, kind, sequence));"
    "CREATE INDEX deadline_office ON deadline(org_id, status, due_on);"
    "CREATE INDEX deadline_prosecutor ON deadline(org_id, prosecutor_id, status, due_on);"
    "CREATE INDEX deadline_department ON deadline(org_id, department_id, status, due_on);",
    /* 4: one deadline capability for every kind of record (entity_kind, entity_id own the rows; person_id is the
     * person a period binds, 0 for none; case_id the case it is shown with), stopped clocks, custody with its
     * effective dates, the approval queue (检察官权力清单), and the 部门负责人 role. The old deadline rows are kept:
     * a case's review rows become its persons' rows at the next recomputation (open ones) or stay as they were
     * (closed ones, person 0). */
    "CREATE TABLE deadline_v4("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  entity_kind TEXT NOT NULL,"
    "  entity_id INTEGER NOT NULL,"
    "  person_id INTEGER NOT NULL DEFAULT 0,"
    "  case_id INTEGER REFERENCES case_record(id),"
    "  kind TEXT NOT NULL,"
    "  sequence INTEGER NOT NULL,"
    "  subject TEXT NOT NULL DEFAULT '',"
    "  start_on TEXT NOT NULL,"
    "  length TEXT NOT NULL,"
    "  extra_days INTEGER NOT NULL DEFAULT 0,"
    "  stop_days INTEGER NOT NULL DEFAULT 0,"
    "  custody_bound INTEGER NOT NULL,"
    "  due_on TEXT,"
    "  days_left INTEGER,"
    "  warn_key TEXT NOT NULL,"
    "  warn_days INTEGER NOT NULL,"
    "  lapses INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT NOT NULL CHECK(status IN ('open','suspended','closed')),"
    "  closed_on TEXT,"
    "  provisional INTEGER NOT NULL DEFAULT 0,"
    "  rule TEXT NOT NULL,"
    "  prosecutor_id INTEGER,"
    "  department_id INTEGER,"
    "  UNIQUE(entity_kind, entity_id, kind, person_id, sequence));"
    "INSERT INTO deadline_v4(id, org_id, entity_kind, entity_id, person_id, case_id, kind, sequence, subject,"
    "  start_on, length, extra_days, stop_days, custody_bound, due_on, warn_key, warn_days, lapses, status,"
    "  closed_on, provisional, rule, prosecutor_id, department_id)"
    "  SELECT d.id, d.org_id, 'case', d.case_id, 0, d.case_id, d.kind, d.sequence, c.case_number || ' ' || c.title,"
    "  d.start_on, d.length, d.extra_days, 0, d.custody_bound, d.due_on,"
    "  CASE WHEN d.kind = 'review' THEN c.case_type ELSE d.kind END, d.warn_days, 0, d.status, d.closed_on,"
    "  d.provisional, d.rule, d.prosecutor_id, d.department_id"
    "  FROM deadline d JOIN case_record c ON c.id = d.case_id;"
    "DROP TABLE deadline;"
    "ALTER TABLE deadline_v4 RENAME TO deadline;"
    "CREATE INDEX deadline_office ON deadline(org_id, status, due_on);"
    "CREATE INDEX deadline_prosecutor ON deadline(org_id, prosecutor_id, status, due_on);"
    "CREATE INDEX deadline_department ON deadline(org_id, department_id, status, due_on);"
    "CREATE INDEX deadline_case ON deadline(case_id, due_on);"
    "CREATE INDEX deadline_warn ON deadline(org_id, warn_key, status);"
    "CREATE TABLE clock_stop("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  entity_kind TEXT NOT NULL,"
    "  entity_id INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK(kind IN ('suspend','exclude')),"
    "  from_on TEXT NOT NULL,"
    "  to_on TEXT,"
    "  reason TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX clock_stop_entity ON clock_stop(entity_kind, entity_id, from_on);"
    "CREATE TABLE case_custody("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  case_id INTEGER NOT NULL REFERENCES case_record(id),"
    "  person_id INTEGER NOT NULL REFERENCES case_person(id),"
    "  custody TEXT NOT NULL,"
    "  from_on TEXT NOT NULL);"
    "CREATE INDEX case_custody_case ON case_custody(case_id, person_id, from_on, id);"
    "INSERT INTO case_custody(org_id, case_id, person_id, custody, from_on)"
    "  SELECT p.org_id, p.case_id, p.id, p.custody, coalesce(p.custody_since, c.received_on)"
    "  FROM case_person p JOIN case_record c ON c.id = p.case_id;"
    "ALTER TABLE case_person ADD COLUMN offence_on TEXT;"
    "ALTER TABLE case_person ADD COLUMN probation_months INTEGER;"
    "ALTER TABLE case_person ADD COLUMN final_decision TEXT;"
    "ALTER TABLE case_person ADD COLUMN final_on TEXT;"
    "ALTER TABLE case_person ADD COLUMN prosecution_withdrawn_on TEXT;"
    "ALTER TABLE case_person ADD COLUMN judgment_instance TEXT;"
    "ALTER TABLE case_record ADD COLUMN conclusion TEXT;"
    "ALTER TABLE case_record ADD COLUMN jurisdiction_issue_on TEXT;"
    "CREATE TABLE approval("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  entity_kind TEXT NOT NULL,"
    "  entity_id INTEGER NOT NULL,"
    "  case_id INTEGER REFERENCES case_record(id),"
    "  decision_kind TEXT NOT NULL,"
    "  approver TEXT NOT NULL CHECK(approver IN ('department_head','chief')),"
    "  department_id INTEGER REFERENCES department(id),"
    "  subject TEXT NOT NULL,"
    "  payload TEXT NOT NULL,"
    "  reasons TEXT NOT NULL,"
    "  proposed_by INTEGER NOT NULL REFERENCES app_user(id),"
    "  proposed_at TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('pending','approved','returned','withdrawn')),"
    "  decided_by INTEGER REFERENCES app_user(id),"
    "  decided_at TEXT,"
    "  legal_on TEXT,"
    "  comment TEXT);"
    "CREATE INDEX approval_queue ON approval(org_id, status, approver, department_id, id);"
    "CREATE INDEX approval_entity ON approval(entity_kind, entity_id, id);"
    "CREATE TABLE user_role_v4("
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  role TEXT NOT NULL CHECK(role IN ('admin','leader','department_head','prosecutor','assistant',"
    "                                    'case_manager','admin_prosecutor','petition_officer',"
    "                                    'political_officer','clerk')),"
    "  PRIMARY KEY(user_id, role));"
    "INSERT INTO user_role_v4(user_id, role) SELECT user_id, role FROM user_role;"
    "DROP TABLE user_role;"
    "ALTER TABLE user_role_v4 RENAME TO user_role;",
    /* 5: sign-in throttling (docs/api.md "Sign-in limits"). Failures are counted per (login as typed, client
     * address) pair, for logins that exist and logins that do not alike, and per client address; the old per-account
     * counter in app_user is no longer used (its lock let anyone lock anyone out). */
    "CREATE TABLE login_attempt("
    "  login TEXT NOT NULL,"
    "  address TEXT NOT NULL,"
    "  failures INTEGER NOT NULL,"
    "  locked_until INTEGER NOT NULL DEFAULT 0,"
    "  updated_at INTEGER NOT NULL,"
    "  PRIMARY KEY(login, address));"
    "CREATE INDEX login_attempt_updated ON login_attempt(updated_at);"
    "CREATE TABLE login_address("
    "  address TEXT PRIMARY KEY,"
    "  failures INTEGER NOT NULL,"
    "  last_failure_at INTEGER NOT NULL,"
    "  blocked_until INTEGER NOT NULL DEFAULT 0);"
    "UPDATE app_user SET failed_logins = 0, locked_until = 0;",
    /* 6: every table that holds an office's data carries org_id (docs/scaling.md, "Sharding by org_id"): the three
     * that reached it only through a parent row get it, filled from the parent. The case list's order (received_on
     * DESC, id DESC) comes whole from the received index: SQLite's index held the rowid already, PostgreSQL's needs
     * id named (without it PostgreSQL sorts; docs/benchmarks.md). */
    "ALTER TABLE user_role ADD COLUMN org_id INTEGER REFERENCES org(id);"
    "UPDATE user_role SET org_id = (SELECT u.org_id FROM app_user u WHERE u.id = user_role.user_id);"
    "ALTER TABLE session ADD COLUMN org_id INTEGER REFERENCES org(id);"
    "UPDATE session SET org_id = (SELECT u.org_id FROM app_user u WHERE u.id = session.user_id);"
    "ALTER TABLE case_person_charge ADD COLUMN org_id INTEGER REFERENCES org(id);"
    "UPDATE case_person_charge SET org_id ="
    "  (SELECT p.org_id FROM case_person p WHERE p.id = case_person_charge.person_id);"
    "DROP INDEX case_record_received;"
    "CREATE INDEX case_record_received ON case_record(org_id, received_on, id);",
    /* 7: the case search (store/case_search.h): one document per case (title, 案号, 移送机关, 移送文号, persons'
     * names and ID numbers, charge names), indexed by trigrams in each backend's way (schema_search_sqlite /
     * schema_search_pg below), and built for the cases already there by case_search_rebuild(). */
    "CREATE TABLE case_search("
    "  case_id INTEGER NOT NULL PRIMARY KEY REFERENCES case_record(id),"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  doc TEXT NOT NULL);",
    /* 8: a person's charges keep the order they were entered in (the first is the main charge): position, the
     * existing rows numbered in the order they were read until now (by code); and the office's list of agencies
     * (移送机关) that issue 10 extends (credit code, address, contact, superior: more columns, same rows), filled
     * with the agencies of the office's existing cases, each with a kind guessed from its name (as
     * agency_kind_guess() does for new ones; NULL when the name says nothing). */
    "ALTER TABLE case_person_charge ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
    "UPDATE case_person_charge SET position = 1 + (SELECT count(*) FROM case_person_charge o"
    "  WHERE o.person_id = case_person_charge.person_id AND o.charge < case_person_charge.charge);"
    "CREATE INDEX case_person_charge_position ON case_person_charge(person_id, position);"
    "CREATE TABLE agency("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  name TEXT NOT NULL,"
    "  kind TEXT CHECK(kind IN ('public_security','state_security','supervision','procuratorate','court','prison',"
    "                          'customs','coast_guard','other')),"
    "  created_at TEXT NOT NULL,"
    "  UNIQUE(org_id, name));"
    "INSERT INTO agency(org_id, name, kind, created_at)"
    "  SELECT org_id, source_agency,"
    "  CASE WHEN source_agency LIKE '%监察委员会%' OR source_agency LIKE '%监委%' THEN 'supervision'"
    "       WHEN source_agency LIKE '%国家安全%' THEN 'state_security'"
    "       WHEN source_agency LIKE '%海警%' THEN 'coast_guard'"
    "       WHEN source_agency LIKE '%海关%' THEN 'customs'"
    "       WHEN source_agency LIKE '%监狱%' THEN 'prison'"
    "       WHEN source_agency LIKE '%检察院%' THEN 'procuratorate'"
    "       WHEN source_agency LIKE '%法院%' THEN 'court'"
    "       WHEN source_agency LIKE '%公安%' OR source_agency LIKE '%派出所%' OR source_agency LIKE '%交警%'"
    "         OR source_agency LIKE '%警察%' THEN 'public_security'"
    "       ELSE NULL END,"
    "  min(created_at) FROM case_record WHERE source_agency <> '' GROUP BY org_id, source_agency;",
    /* 9 (issue 10, agencies): the agency registry. SQLite cannot widen a CHECK, so the table is rebuilt with the
     * same ids: the administrative kinds join the old ones, and each agency gets its 统一社会信用代码 (normalised,
     * unique in the office when set), address, contact person, phone, superior body (another agency of the same
     * office), a note and its last change. The self-reference names agency_v9: the rename carries it over (SQLite
     * rewrites it, PostgreSQL binds it to the table itself). It is checked at commit (DEFERRABLE INITIALLY
     * DEFERRED): a superior may have a larger id than its subordinate, and jianwu migrate copies rows by id. The
     * indexes come before the copy: PostgreSQL refuses DDL on a table with pending (deferred) trigger events. */
    "CREATE TABLE agency_v9("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  name TEXT NOT NULL,"
    "  kind TEXT CHECK(kind IN ('public_security','state_security','supervision','procuratorate','court','prison',"
    "                          'customs','coast_guard','market_regulation','natural_resources','ecology_environment',"
    "                          'taxation','emergency_management','agriculture_rural','housing_construction',"
    "                          'culture_tourism','health','education','human_resources','transport',"
    "                          'water_resources','forestry','comprehensive_enforcement','township_government',"
    "                          'subdistrict_office','county_government','party_committee','people_congress',"
    "                          'other')),"
    "  credit_code TEXT,"
    "  address TEXT,"
    "  contact_person TEXT,"
    "  phone TEXT,"
    "  superior_id INTEGER REFERENCES agency_v9(id) DEFERRABLE INITIALLY DEFERRED,"
    "  note TEXT,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT,"
    "  UNIQUE(org_id, name),"
    "  UNIQUE(org_id, credit_code));"
    "CREATE INDEX agency_superior ON agency_v9(superior_id);"
    "CREATE INDEX agency_kind ON agency_v9(org_id, kind, name);"
    "INSERT INTO agency_v9(id, org_id, name, kind, created_at)"
    "  SELECT id, org_id, name, kind, created_at FROM agency;"
    "DROP TABLE agency;"
    "ALTER TABLE agency_v9 RENAME TO agency;",
    /* 10 (documents, issue 10 §4): the 文书. An office's templates are versioned (a new row per edit: an issued
     * document names the version it was filled from and keeps its own rendered text); the 文号 sequence runs per
     * (office, type, year) and is taken in the issuing transaction; a document row is frozen once issued (never
     * updated or deleted: schema_document_frozen_*): a reissue is a new row naming the one it supersedes, at most
     * one per document (the unique index; NULLs do not collide on either backend). */
    "CREATE TABLE document_template("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  doc_type TEXT NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  created_by INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL,"
    "  UNIQUE(org_id, doc_type, version));"
    "CREATE TABLE document_sequence("
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  doc_type TEXT NOT NULL,"
    "  year INTEGER NOT NULL,"
    "  last INTEGER NOT NULL,"
    "  PRIMARY KEY(org_id, doc_type, year));"
    "CREATE TABLE document("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  doc_type TEXT NOT NULL CHECK(doc_type IN ('non_prosecution','procuratorial_opinion','suggestion',"
    "                                            'review_suspension','review_termination','urging_letter')),"
    "  number TEXT NOT NULL,"
    "  year INTEGER NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  entity_kind TEXT NOT NULL,"
    "  entity_id INTEGER NOT NULL,"
    "  case_id INTEGER REFERENCES case_record(id),"
    "  template_version INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  fields_json TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  issued_on TEXT NOT NULL,"
    "  issued_by INTEGER REFERENCES app_user(id),"
    "  issued_at TEXT NOT NULL,"
    "  supersedes INTEGER REFERENCES document(id),"
    "  UNIQUE(org_id, number),"
    "  UNIQUE(org_id, doc_type, year, seq));"
    "CREATE INDEX document_entity ON document(org_id, entity_kind, entity_id, id);"
    "CREATE INDEX document_issued ON document(org_id, issued_on, id);"
    "CREATE INDEX document_case ON document(case_id);"
    "CREATE UNIQUE INDEX document_supersedes ON document(supersedes);", /* + schema_document_frozen_* */
    /* 11 (linkage, issue 10): 行刑反向衔接 items, one per person not prosecuted (core/linkage.h), with every value
     * its documents need (the agency, the penalties sought, the facts, the dates), and their timeline. Its periods
     * are deadline rows of entity_kind 'linkage', its 中止审查 clock_stop rows of the same entity. suggestion_id is
     * the 检察建议 a 跟进监督 opened (issue 10 §3 wires it). */
    "CREATE TABLE linkage_item("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  case_id INTEGER NOT NULL REFERENCES case_record(id),"
    "  person_id INTEGER NOT NULL REFERENCES case_person(id),"
    "  non_prosecution_type TEXT NOT NULL,"
    "  decision_on TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK(state IN ('pending_transfer','transferred','under_review','suspended','terminated',"
    "    'opinion_issued','awaiting_reply','replied','follow_up','closed')),"
    "  prosecutor_id INTEGER REFERENCES app_user(id),"
    "  department_id INTEGER REFERENCES department(id),"
    "  handler_id INTEGER REFERENCES app_user(id),"
    "  transferred_on TEXT,"
    "  registered_on TEXT,"
    "  request_kind TEXT,"
    "  request_on TEXT,"
    "  suspended_on TEXT,"
    "  extension_days INTEGER NOT NULL DEFAULT 0,"
    "  criminal_opinion TEXT CHECK(criminal_opinion IN ('penalty','no_penalty')),"
    "  criminal_opinion_text TEXT,"
    "  admin_opinion TEXT CHECK(admin_opinion IN ('penalty','no_penalty')),"
    "  admin_opinion_text TEXT,"
    "  disagreement_reason TEXT,"
    "  outcome TEXT CHECK(outcome IN ('terminated','opinion')),"
    "  outcome_on TEXT,"
    "  terminate_reason TEXT,"
    "  terminate_text TEXT,"
    "  agency_id INTEGER REFERENCES agency(id),"
    "  penalties TEXT,"
    "  facts TEXT,"
    "  served_on TEXT,"
    "  service_method TEXT,"
    "  reply_months INTEGER NOT NULL DEFAULT 2,"
    "  reply_on TEXT,"
    "  reply_penalised INTEGER,"
    "  reply_penalty TEXT,"
    "  reply_decision_number TEXT,"
    "  reply_amount_fen INTEGER CHECK(reply_amount_fen >= 0),"
    "  reply_text TEXT,"
    "  urged_on TEXT,"
    "  urge_days INTEGER,"
    "  followed_up_on TEXT,"
    "  suggestion_id INTEGER,"
    "  closed_on TEXT,"
    "  close_reason TEXT CHECK(close_reason IN ('completed','decision_revoked')),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE(person_id));"
    "CREATE INDEX linkage_item_state ON linkage_item(org_id, state, id);"
    "CREATE INDEX linkage_item_department ON linkage_item(org_id, department_id, id);"
    "CREATE INDEX linkage_item_handler ON linkage_item(org_id, handler_id, id);"
    "CREATE INDEX linkage_item_prosecutor ON linkage_item(org_id, prosecutor_id, id);"
    "CREATE INDEX linkage_item_case ON linkage_item(case_id);"
    "CREATE TABLE linkage_event("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  item_id INTEGER NOT NULL REFERENCES linkage_item(id),"
    "  kind TEXT NOT NULL,"
    "  on_date TEXT,"
    "  data TEXT,"
    "  user_id INTEGER REFERENCES app_user(id),"
    "  at TEXT NOT NULL);"
    "CREATE INDEX linkage_event_item ON linkage_event(item_id, id);",
    /* 12 (suggestions, issue 10 §3): the 检察建议 (core/suggestion.h), its linked records (cases, 行刑衔接 items) and
     * the steps of its timeline. Its reply period is a deadline row (entity "suggestion", kind suggestion_reply), one
     * per service (service_round): the list's due day and overdue filter read it there. */
    "CREATE TABLE suggestion("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  type TEXT NOT NULL CHECK(type IN ('retrial','correction','public_interest','social_governance','other')),"
    "  urgent INTEGER NOT NULL DEFAULT 0,"
    "  state TEXT NOT NULL CHECK(state IN ('draft','issued','served','objected','replied','closed')),"
    "  title TEXT NOT NULL,"
    "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
    "  case_id INTEGER REFERENCES case_record(id),"
    "  department_id INTEGER REFERENCES department(id),"
    "  prosecutor_id INTEGER REFERENCES app_user(id),"
    "  facts TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  legal_basis TEXT NOT NULL,"
    "  copies TEXT NOT NULL,"
    "  reply_length TEXT NOT NULL,"
    "  service_round INTEGER NOT NULL DEFAULT 0,"
    "  issued_on TEXT,"
    "  served_on TEXT,"
    "  service_method TEXT,"
    "  objection_on TEXT,"
    "  reply_on TEXT,"
    "  adoption TEXT,"
    "  first_served_on TEXT,"
    "  visit_on TEXT,"
    "  visit_result TEXT,"
    "  outcome TEXT,"
    "  closed_on TEXT,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX suggestion_office ON suggestion(org_id, state, id);"
    "CREATE INDEX suggestion_agency ON suggestion(org_id, agency_id, id);"
    "CREATE INDEX suggestion_prosecutor ON suggestion(org_id, prosecutor_id, id);"
    "CREATE TABLE suggestion_link("
    "  suggestion_id INTEGER NOT NULL REFERENCES suggestion(id),"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  entity_kind TEXT NOT NULL CHECK(entity_kind IN ('case','linkage','lead')),"
    "  entity_id INTEGER NOT NULL,"
    "  PRIMARY KEY(suggestion_id, entity_kind, entity_id));"
    "CREATE INDEX suggestion_link_entity ON suggestion_link(org_id, entity_kind, entity_id);"
    "CREATE TABLE suggestion_event("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  suggestion_id INTEGER NOT NULL REFERENCES suggestion(id),"
    "  kind TEXT NOT NULL,"
    "  on_date TEXT,"
    "  data TEXT NOT NULL,"
    "  user_id INTEGER REFERENCES app_user(id),"
    "  at TEXT NOT NULL);"
    "CREATE INDEX suggestion_event_suggestion ON suggestion_event(suggestion_id, id);",
    /* 13 (agency data, issue 12 §1): other agencies' records imported for data-matching supervision (碰撞比对). One
     * import_batch per file (its SHA-256 makes a re-import of the same file a no-op); a rejected row is kept with its
     * row number, column and reason for the validation report. Each record keeps the ID number as given and, when it
     * is valid, normalised to 18 digits (core/idcard.h); natural_key (per office) makes a record imported twice, from
     * two files, one row. A column mapping is saved per (office, kind, source). */
    "CREATE TABLE import_mapping("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  kind TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  columns TEXT NOT NULL,"
    "  updated_by INTEGER REFERENCES app_user(id),"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE(org_id, kind, source));"
    "CREATE TABLE import_batch("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  kind TEXT NOT NULL CHECK(kind IN ('licence','penalty')),"
    "  source TEXT NOT NULL,"
    "  file_name TEXT NOT NULL,"
    "  file_hash TEXT NOT NULL,"
    "  file_bytes INTEGER NOT NULL,"
    "  format TEXT NOT NULL CHECK(format IN ('csv','xlsx')),"
    "  encoding TEXT NOT NULL,"
    "  sheet TEXT,"
    "  mapping_id INTEGER REFERENCES import_mapping(id),"
    "  rows_total INTEGER NOT NULL DEFAULT 0,"
    "  rows_accepted INTEGER NOT NULL DEFAULT 0,"
    "  rows_duplicate INTEGER NOT NULL DEFAULT 0,"
    "  rows_rejected INTEGER NOT NULL DEFAULT 0,"
    "  created_by INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL,"
    "  finished_at TEXT,"
    "  UNIQUE(org_id, kind, file_hash));"
    "CREATE TABLE import_rejection("
    "  id INTEGER PRIMARY KEY,"
    "  batch_id INTEGER NOT NULL REFERENCES import_batch(id),"
    "  row_no INTEGER NOT NULL,"
    "  column_name TEXT NOT NULL,"
    "  reason TEXT NOT NULL);"
    "CREATE INDEX import_rejection_batch ON import_rejection(batch_id, row_no);"
    "CREATE TABLE licence_record("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  batch_id INTEGER NOT NULL REFERENCES import_batch(id),"
    "  row_no INTEGER NOT NULL,"
    "  id_number TEXT,"
    "  id_number_raw TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  birth_date TEXT,"
    "  licence_number TEXT NOT NULL,"
    "  licence_class TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('valid','revoked','suspended','cancelled')),"
    "  status_on TEXT,"
    "  reissued_on TEXT,"
    "  agency_name TEXT NOT NULL,"
    "  agency_id INTEGER REFERENCES agency(id),"
    "  natural_key TEXT NOT NULL,"
    "  UNIQUE(org_id, natural_key));"
    "CREATE INDEX licence_record_id_number ON licence_record(org_id, id_number);"
    "CREATE INDEX licence_record_name ON licence_record(org_id, name, birth_date);"
    "CREATE TABLE penalty_record("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  batch_id INTEGER NOT NULL REFERENCES import_batch(id),"
    "  row_no INTEGER NOT NULL,"
    "  id_number TEXT,"
    "  id_number_raw TEXT NOT NULL,"
    "  credit_code TEXT,"
    "  name TEXT NOT NULL,"
    "  birth_date TEXT,"
    "  agency_name TEXT NOT NULL,"
    "  agency_id INTEGER REFERENCES agency(id),"
    "  penalty_type TEXT NOT NULL,"
    "  decision_number TEXT NOT NULL,"
    "  decided_on TEXT NOT NULL,"
    "  amount_fen INTEGER,"
    "  natural_key TEXT NOT NULL,"
    "  UNIQUE(org_id, natural_key));"
    "CREATE INDEX penalty_record_id_number ON penalty_record(org_id, id_number);"
    "CREATE INDEX penalty_record_credit_code ON penalty_record(org_id, credit_code);"
    "CREATE INDEX penalty_record_name ON penalty_record(org_id, name, birth_date);",
    /* 14 (issue 9, speed): 轮案 (case_store_rotation_pick) orders a department's prosecutors by the newest case each
     * was given there; with this index that is one probe per prosecutor instead of a walk over the department's
     * cases (docs/benchmarks.md, "Rotation"). */
    "CREATE INDEX case_record_rotation ON case_record(org_id, department_id, prosecutor_id, id);",
    /* 15 (issue 9, speed): the office's deadline counts (home page, 期限 badge, the list's total) filter on lapses and
     * compare due_on with warn_days; with both in the index they are counted from it alone, without a read of each
     * open row (docs/benchmarks.md, "Deadline counts"). It replaces deadline_office, whose columns lead it. */
    "CREATE INDEX deadline_office_counts"
    "  ON deadline(org_id, status, due_on, lapses, warn_days);"
    "DROP INDEX IF EXISTS deadline_office;",
    /* 16 (issue 9, speed): the cases concluded in a range (the leader's home page: concluded this month; the
     * statistics' concluded populations) are a range of this index instead of a walk over the office's cases: 5.5 s
     * to 1 ms at a million cases (docs/benchmarks.md, "Pages in the browser"). */
    "CREATE INDEX case_record_concluded ON case_record(org_id, concluded_on);",
    /* 17 (stats, issue 11): the administrator's parameters of the [M] indicator formulas, per office and indicator
     * (core/stat_rules.h stat_params; each change audited), and the closed periods' figures as reported (one
     * snapshot per office and period: the report JSON as it stood when the period was closed). */
    "CREATE TABLE stat_indicator_config("
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  indicator TEXT NOT NULL,"
    "  params TEXT NOT NULL,"
    "  updated_by INTEGER REFERENCES app_user(id),"
    "  updated_at TEXT NOT NULL,"
    "  PRIMARY KEY(org_id, indicator));"
    "CREATE TABLE stat_snapshot("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  period TEXT NOT NULL,"
    "  report TEXT NOT NULL,"
    "  closed_by INTEGER REFERENCES app_user(id),"
    "  closed_at TEXT NOT NULL,"
    "  UNIQUE(org_id, period));",
    /* 18 (petitions, issue 13, 12309 检察服务中心; core/petition.h): a petition (信访件) with its petitioners (natural
     * persons with a normalised ID number, or organisations with a credit code), its linked cases, its replies and
     * the steps of its timeline. first_handler_id is the 首办责任人 named at intake (never changed); handler_id the
     * one handling it now (a logged transfer changes it). Its reply periods are deadline rows (entity "petition",
     * kinds petition_procedural, petition_result, petition_followup). lead_* is the 领导包案 (the leader, the
     * responsible person, the plan as a JSON array of codes, the day); its progress notes are timeline events.
     * petition_setting holds the office's unit of the
     * 7-day procedural reply (days or working days: DOMAIN 6). */
    "CREATE TABLE petition("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  channel TEXT NOT NULL,"
    "  category TEXT NOT NULL,"
    "  service_function TEXT NOT NULL,"
    "  matter TEXT NOT NULL,"
    "  received_on TEXT NOT NULL,"
    "  received_by INTEGER REFERENCES app_user(id),"
    "  first_handler_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  handler_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  department_id INTEGER REFERENCES department(id),"
    "  state TEXT NOT NULL CHECK(state IN ('registered','accepted','transferred','rejected','litigation','closed')),"
    "  risk_level TEXT NOT NULL CHECK(risk_level IN ('low','medium','high')),"
    "  risk_reason TEXT NOT NULL,"
    "  attachments TEXT NOT NULL,"
    "  repeat_of INTEGER REFERENCES petition(id),"
    "  repeat_basis TEXT,"
    "  procedural_unit TEXT NOT NULL CHECK(procedural_unit IN ('days','workdays')),"
    "  disposition_on TEXT,"
    "  accept_department_id INTEGER REFERENCES department(id),"
    "  transfer_agency_id INTEGER REFERENCES agency(id),"
    "  transfer_agency_name TEXT,"
    "  transfer_receipt TEXT,"
    "  reject_reason TEXT,"
    "  case_id INTEGER REFERENCES case_record(id),"
    "  closed_on TEXT,"
    "  satisfaction TEXT,"
    "  ceased INTEGER,"
    "  lead_leader_id INTEGER REFERENCES app_user(id),"
    "  lead_responsible_id INTEGER REFERENCES app_user(id),"
    "  lead_plans TEXT,"
    "  lead_on TEXT,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX petition_office ON petition(org_id, state, id);"
    "CREATE INDEX petition_leader ON petition(org_id, lead_leader_id, id);"
    "CREATE INDEX petition_handler ON petition(org_id, handler_id, id);"
    "CREATE TABLE petition_person("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  petition_id INTEGER NOT NULL REFERENCES petition(id),"
    "  name TEXT,"
    "  organisation TEXT,"
    "  id_number TEXT,"
    "  credit_code TEXT,"
    "  phone TEXT,"
    "  address TEXT);"
    "CREATE INDEX petition_person_petition ON petition_person(petition_id, id);"
    "CREATE INDEX petition_person_id_number ON petition_person(org_id, id_number);"
    "CREATE INDEX petition_person_name ON petition_person(org_id, name, phone);"
    "CREATE TABLE petition_case("
    "  petition_id INTEGER NOT NULL REFERENCES petition(id),"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  case_id INTEGER NOT NULL REFERENCES case_record(id),"
    "  PRIMARY KEY(petition_id, case_id));"
    "CREATE TABLE petition_reply("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  petition_id INTEGER NOT NULL REFERENCES petition(id),"
    "  kind TEXT NOT NULL CHECK(kind IN ('procedural','result','progress','followup')),"
    "  on_date TEXT NOT NULL,"
    "  channel TEXT NOT NULL,"
    "  content TEXT NOT NULL,"
    "  user_id INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX petition_reply_petition ON petition_reply(petition_id, on_date, id);"
    "CREATE TABLE petition_event("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  petition_id INTEGER NOT NULL REFERENCES petition(id),"
    "  kind TEXT NOT NULL,"
    "  on_date TEXT,"
    "  data TEXT NOT NULL,"
    "  user_id INTEGER REFERENCES app_user(id),"
    "  at TEXT NOT NULL);"
    "CREATE INDEX petition_event_petition ON petition_event(petition_id, id);"
    "CREATE TABLE petition_setting("
    "  org_id INTEGER PRIMARY KEY REFERENCES org(id),"
    "  procedural_unit TEXT NOT NULL CHECK(procedural_unit IN ('days','workdays')),"
    "  updated_by INTEGER REFERENCES app_user(id),"
    "  updated_at TEXT NOT NULL);",
    /* 19 (people, issue 14): growth archive entries (特长, 岗位, 业绩, 奖励, 评价), 小轮岗 plans and stints, 主副岗, the
     * mentor pool, pairings, talks and 示范 records, 检察官教检察官 courses and their attendance, and the restricted
     * 廉政谈话 / 廉洁家访 records (docs/api-people.md) */
    "CREATE TABLE staff_entry("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  kind TEXT NOT NULL CHECK(kind IN ('specialty','post','achievement','award','evaluation')),"
    "  title TEXT NOT NULL,"
    "  department_id INTEGER REFERENCES department(id),"
    "  started_on TEXT,"
    "  ended_on TEXT,"
    "  rating TEXT,"
    "  evaluator_id INTEGER REFERENCES app_user(id),"
    "  body TEXT NOT NULL,"
    "  created_by INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX staff_entry_user ON staff_entry(org_id, user_id, kind, id);"
    "CREATE TABLE rotation_plan("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  start_on TEXT NOT NULL,"
    "  stint_months INTEGER NOT NULL,"
    "  final_department_id INTEGER REFERENCES department(id),"
    "  final_reasons TEXT,"
    "  party_decision_on TEXT,"
    "  created_by INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX rotation_plan_office ON rotation_plan(org_id, user_id, id);"
    "CREATE TABLE rotation_stint("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  plan_id INTEGER NOT NULL REFERENCES rotation_plan(id),"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  department_id INTEGER NOT NULL REFERENCES department(id),"
    "  head_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  start_on TEXT NOT NULL,"
    "  end_on TEXT NOT NULL,"
    "  rating TEXT,"
    "  evaluation TEXT,"
    "  evaluated_on TEXT,"
    "  evaluated_by INTEGER REFERENCES app_user(id));"
    "CREATE INDEX rotation_stint_plan ON rotation_stint(plan_id, start_on);"
    "CREATE INDEX rotation_stint_user ON rotation_stint(org_id, user_id, start_on);"
    "CREATE TABLE staff_secondary("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  department_id INTEGER NOT NULL REFERENCES department(id),"
    "  title TEXT NOT NULL,"
    "  responsible_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  started_on TEXT NOT NULL,"
    "  ended_on TEXT,"
    "  rating TEXT,"
    "  evaluation TEXT,"
    "  evaluated_on TEXT,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX staff_secondary_office ON staff_secondary(org_id, user_id, id);"
    "CREATE TABLE mentor_pool("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  fields TEXT NOT NULL,"
    "  admitted_on TEXT NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  UNIQUE(org_id, user_id));"
    "CREATE TABLE mentor_pair("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  mentor_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  mentee_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  started_on TEXT NOT NULL,"
    "  ended_on TEXT,"
    "  created_at TEXT NOT NULL,"
    "  CHECK(mentor_id <> mentee_id));"
    "CREATE INDEX mentor_pair_office ON mentor_pair(org_id, mentor_id, id);"
    "CREATE TABLE mentor_talk("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  pair_id INTEGER NOT NULL REFERENCES mentor_pair(id),"
    "  talked_on TEXT NOT NULL,"
    "  note TEXT NOT NULL,"
    "  created_by INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX mentor_talk_pair ON mentor_talk(pair_id, talked_on);"
    "CREATE TABLE mentor_demo("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  mentor_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  year INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK(kind IN ('case','officer')),"
    "  case_id INTEGER REFERENCES case_record(id),"
    "  mentee_id INTEGER REFERENCES app_user(id),"
    "  note TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX mentor_demo_office ON mentor_demo(org_id, mentor_id, year);"
    "CREATE TABLE course("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  title TEXT NOT NULL,"
    "  lecturer_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  held_on TEXT NOT NULL,"
    "  hours INTEGER NOT NULL CHECK(hours > 0),"
    "  area TEXT NOT NULL,"
    "  materials TEXT NOT NULL,"
    "  created_by INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX course_office ON course(org_id, held_on, id);"
    "CREATE TABLE course_attendance("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  course_id INTEGER NOT NULL REFERENCES course(id),"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  attended INTEGER NOT NULL CHECK(attended IN (0,1)),"
    "  rating INTEGER,"
    "  UNIQUE(course_id, user_id));"
    "CREATE INDEX course_attendance_user ON course_attendance(org_id, user_id);"
    "CREATE TABLE integrity_talk("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  user_id INTEGER NOT NULL REFERENCES app_user(id),"
    "  kind TEXT NOT NULL CHECK(kind IN ('talk','home_visit')),"
    "  held_on TEXT NOT NULL,"
    "  held_by TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  created_by INTEGER REFERENCES app_user(id),"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX integrity_talk_office ON integrity_talk(org_id, user_id, id);",
    /* 20 (leads, issue 12 §3; core/lead.h): the data-matching models (a model is data: a code, a rule the C code
     * knows, its parameters as JSON an administrator edits), each run (who, when, the input batches with their file
     * hashes, counts, duration), the leads (one per (model, subject): a re-run never duplicates one; state new →
     * confirmed / dismissed; the evidence side by side as JSON) and the name + birth date candidate pairs a person
     * confirms or rejects (never merged automatically). */
    "CREATE TABLE match_model("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  code TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  rule TEXT NOT NULL CHECK(rule IN ('licence_not_revoked','penalty_missing','identity_conflict')),"
    "  params TEXT NOT NULL,"
    "  enabled INTEGER NOT NULL DEFAULT 1,"
    "  updated_by INTEGER REFERENCES app_user(id),"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE(org_id, code));"
    "CREATE TABLE match_run("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  model_id INTEGER NOT NULL REFERENCES match_model(id),"
    "  trigger_kind TEXT NOT NULL CHECK(trigger_kind IN ('manual','schedule','cli')),"
    "  started_by INTEGER REFERENCES app_user(id),"
    "  started_at TEXT NOT NULL,"
    "  duration_ms INTEGER NOT NULL,"
    "  params TEXT NOT NULL,"
    "  inputs TEXT NOT NULL,"
    "  rows_matched INTEGER NOT NULL,"
    "  leads_found INTEGER NOT NULL,"
    "  leads_new INTEGER NOT NULL,"
    "  candidates_new INTEGER NOT NULL);"
    "CREATE INDEX match_run_model ON match_run(org_id, model_id, id);"
    "CREATE TABLE lead("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  model_id INTEGER NOT NULL REFERENCES match_model(id),"
    "  subject_key TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  person_id INTEGER REFERENCES case_person(id),"
    "  case_id INTEGER REFERENCES case_record(id),"
    "  licence_id INTEGER REFERENCES licence_record(id),"
    "  penalty_id INTEGER REFERENCES penalty_record(id),"
    "  agency_id INTEGER REFERENCES agency(id),"
    "  name TEXT NOT NULL,"
    "  id_number TEXT,"
    "  evidence TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK(state IN ('new','confirmed','dismissed')),"
    "  verify_note TEXT,"
    "  verified_by INTEGER REFERENCES app_user(id),"
    "  verified_at TEXT,"
    "  suggestion_id INTEGER REFERENCES suggestion(id),"
    "  first_run_id INTEGER NOT NULL REFERENCES match_run(id),"
    "  last_run_id INTEGER NOT NULL REFERENCES match_run(id),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  UNIQUE(org_id, model_id, subject_key));"
    "CREATE INDEX lead_office ON lead(org_id, state, id);"
    "CREATE INDEX lead_model ON lead(org_id, model_id, id);"
    "CREATE TABLE lead_candidate("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  model_id INTEGER NOT NULL REFERENCES match_model(id),"
    "  person_id INTEGER NOT NULL REFERENCES case_person(id),"
    "  licence_id INTEGER REFERENCES licence_record(id),"
    "  penalty_id INTEGER REFERENCES penalty_record(id),"
    "  name TEXT NOT NULL,"
    "  birth_date TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK(state IN ('new','confirmed','rejected')),"
    "  decided_by INTEGER REFERENCES app_user(id),"
    "  decided_at TEXT,"
    "  run_id INTEGER NOT NULL REFERENCES match_run(id),"
    "  created_at TEXT NOT NULL,"
    "  CHECK((licence_id IS NULL) <> (penalty_id IS NULL)));"
    "CREATE UNIQUE INDEX lead_candidate_licence ON lead_candidate(org_id, model_id, person_id, licence_id)"
    "  WHERE licence_id IS NOT NULL;"
    "CREATE UNIQUE INDEX lead_candidate_penalty ON lead_candidate(org_id, model_id, person_id, penalty_id)"
    "  WHERE penalty_id IS NOT NULL;"
    "CREATE INDEX lead_candidate_office ON lead_candidate(org_id, state, id);",
};

#define SCHEMA_COUNT ((int)(sizeof aMigration / sizeof aMigration[0]))

/* Part of migration 1, in each dialect: audit_log refuses UPDATE and DELETE (and, on PostgreSQL, TRUNCATE). */
static const char schema_append_only_sqlite[] =
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
    "  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
    "  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;";
static const char schema_append_only_pg[] =
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$BEGIN RAISE EXCEPTION 'audit_log is append-only'; END$$;"
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log"
    "  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();"
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log"
    "  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();";

/* Part of migration 7, in each dialect. SQLite: an FTS5 table over case_search (external content: the text is kept
 * once, in case_search) with the trigram tokenizer (SQLite 3.34+); case_search.c writes it beside case_search in the
 * same statement sequence (triggers cannot: with trusted_schema off SQLite refuses a virtual table in a trigger).
 * PostgreSQL: the pg_trgm extension (trusted since PostgreSQL 13: the database's owner may create it) and a GIN
 * trigram index on the text; when the extension cannot be created the migration fails with a message that says so
 * (docs/operations.md). */
static const char schema_search_sqlite[] =
    "CREATE VIRTUAL TABLE case_search_fts USING fts5(doc, content='case_search', content_rowid='case_id',"
    "  tokenize='trigram');";
static const char schema_search_pg[] =
    "DO $$BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm;"
    "  EXCEPTION WHEN OTHERS THEN RAISE EXCEPTION"
    "  '无法创建 PostgreSQL 扩展 pg_trgm（案件搜索的三元组索引需要它）：%。请以本数据库的所有者或超级用户执行"
    " CREATE EXTENSION pg_trgm 后重试（见 docs/operations.md）', SQLERRM; END$$;"
    "CREATE INDEX case_search_trgm ON case_search USING gin (doc gin_trgm_ops);";

/* Part of the documents migration (the one that creates the table document), in each dialect: an issued 文书 is
 * frozen, its row never updated or deleted (docs/api-documents.md "Freezing and reissue"). */
static const char schema_document_frozen_sqlite[] =
    "CREATE TRIGGER document_frozen BEFORE UPDATE ON document"
    "  BEGIN SELECT RAISE(ABORT, 'an issued document is frozen'); END;"
    "CREATE TRIGGER document_no_delete BEFORE DELETE ON document"
    "  BEGIN SELECT RAISE(ABORT, 'an issued document is frozen'); END;";
static const char schema_document_frozen_pg[] =
    "CREATE OR REPLACE FUNCTION document_frozen() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$BEGIN RAISE EXCEPTION 'an issued document is frozen'; END$$;"
    "CREATE TRIGGER document_frozen BEFORE UPDATE OR DELETE ON document"
    "  FOR EACH ROW EXECUTE FUNCTION document_frozen();";

/* PostgreSQL only, (re)created at every migration: SQLite's julianday(date) and date(date, '+N days') for the
 * 'YYYY-MM-DD' text the store keeps (both inlined by the planner), and group_concat(text, separator) with SQLite's
 * meaning (NULLs skipped, rows in the order they come), so that the same queries run on both. */
static const char schema_pg_functions[] =
    "CREATE OR REPLACE FUNCTION julianday(text) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT AS"
    "  $$SELECT ($1::date - date '2000-01-01') + 2451544.5::double precision$$;"
    "CREATE OR REPLACE FUNCTION date(text, text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS"
    "  $$SELECT to_char($1::date + $2::interval, 'YYYY-MM-DD')$$;"
    "CREATE OR REPLACE FUNCTION jw_group_concat_step(text, text, text) RETURNS text LANGUAGE sql IMMUTABLE AS"
    "  $$SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || $3 || $2 END$$;"
    "CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = jw_group_concat_step, STYPE = text);";

/* After rows were written with explicit ids (migration 4's copies, jianwu migrate): every identity sequence moves
 * past the largest id of its table. PostgreSQL only. */
static const char schema_pg_sync_sequences[] =
    "DO $$DECLARE t record; BEGIN"
    "  FOR t IN SELECT c.relname AS tbl, a.attname AS col FROM pg_catalog.pg_attribute a"
    "    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
    "    WHERE a.attidentity <> '' AND c.relnamespace = current_schema()::regnamespace LOOP"
    "    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce((SELECT max(%I) FROM %I), 0) + 1,"
    " false)', t.tbl, t.col, t.col, t.tbl);"
    "  END LOOP; END$$";

const char *schema_search_condition(Db *db) {
  return db_backend(db) == DB_POSTGRES
             ? " AND c.id IN (SELECT s.case_id FROM case_search s WHERE s.org_id = ?1 AND s.doc ILIKE ?14 ESCAPE '\\')"
             : " AND c.id IN (SELECT rowid FROM case_search_fts WHERE case_search_fts MATCH ?14)";
}

char *schema_search_pattern(Db *db, const char *zQuery) {
  Buf b = BUF_INIT;
  if (db_backend(db) == DB_POSTGRES) { /* %text% with % _ \ escaped by \ */
    buf_putc(&b, '%');
    for (const char *z = zQuery; *z; z++) {
      if (*z == '%' || *z == '_' || *z == '\\') buf_putc(&b, '\\');
      buf_putc(&b, *z);
    }
    buf_putc(&b, '%');
  } else { /* an FTS5 phrase: inside double quotes nothing is syntax but a double quote, written twice */
    buf_putc(&b, '"');
    for (const char *z = zQuery; *z; z++) {
      if (*z == '"') buf_putc(&b, '"');
      buf_putc(&b, *z);
    }
    buf_putc(&b, '"');
  }
  return buf_detach(&b);
}

const char *schema_search_fts_delete(Db *db) {
  return db_backend(db) == DB_POSTGRES ? NULL
                                       : "INSERT INTO case_search_fts(case_search_fts, rowid, doc)"
                                         " SELECT 'delete', case_id, doc FROM case_search WHERE case_id = ?1";
}

const char *schema_search_fts_insert(Db *db) {
  return db_backend(db) == DB_POSTGRES ? NULL : "INSERT INTO case_search_fts(rowid, doc) VALUES (?1, ?2)";
}

int schema_latest(void) {
  return SCHEMA_COUNT;
}

const char *schema_migration(int v) {
  return v >= 1 && v <= SCHEMA_COUNT ? aMigration[v - 1] : NULL;
}

/* 1 when z[0..n) is the word w, not part of a longer identifier. */
static int schema_is_word(const char *zStart, const char *z, const char *w) {
  size_t n = strlen(w);
  if (strncmp(z, w, n) != 0) return 0;
  if (z > zStart && (isalnum((unsigned char)z[-1]) || z[-1] == '_')) return 0;
  return !(isalnum((unsigned char)z[n]) || z[n] == '_');
}

char *schema_pg_ddl(const char *zSql) {
  Buf b = BUF_INIT;
  for (const char *z = zSql; *z;) {
    if (*z == '\'') { /* a string literal stays as it is */
      const char *zEnd = z + 1;
      while (*zEnd && !(zEnd[0] == '\'' && zEnd[1] != '\'')) zEnd += zEnd[0] == '\'' ? 2 : 1;
      if (*zEnd) zEnd++;
      buf_append(&b, z, (size_t)(zEnd - z));
      z = zEnd;
    } else if (schema_is_word(zSql, z, "session_user")) { /* an index name PostgreSQL reserves as a keyword */
      buf_puts(&b, "\"session_user\"");
      z += strlen("session_user");
    } else if (schema_is_word(zSql, z, "INTEGER PRIMARY KEY")) {
      buf_puts(&b, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
      z += strlen("INTEGER PRIMARY KEY");
    } else if (schema_is_word(zSql, z, "INTEGER")) {
      buf_puts(&b, "BIGINT");
      z += strlen("INTEGER");
    } else {
      buf_append(&b, z, 1);
      z++;
    }
  }
  return buf_detach(&b);
}

int schema_sync_sequences(Db *db) {
  return db_backend(db) == DB_POSTGRES ? db_exec(db, schema_pg_sync_sequences) : 0; /* sql-safe: literal above */
}

/* Runs migration v (1-based) in the backend's dialect. 0 or -1. */
static int schema_run(Db *db, int v) {
  int pg = db_backend(db) == DB_POSTGRES;
  int rc;
  if (pg) {
    char *zDdl = schema_pg_ddl(aMigration[v - 1]);
    rc = db_exec(db, zDdl); /* sql-safe: the compiled-in migration literals, retyped */
    free(zDdl);
  } else {
    rc = db_exec(db, aMigration[v - 1]); /* sql-safe: the compiled-in migration literals */
  }
  if (rc == 0 && v == 1)
    rc = db_exec(db, pg ? schema_append_only_pg : schema_append_only_sqlite); /* sql-safe: literals */
  if (rc == 0 && v == 10)
    rc = db_exec(db, pg ? schema_document_frozen_pg : schema_document_frozen_sqlite); /* sql-safe: literals */
  if (rc == 0 && v == 7) {
    rc = db_exec(db, pg ? schema_search_pg : schema_search_sqlite); /* sql-safe: literals */
    if (rc == 0) rc = case_search_rebuild(db);
  }
  return rc;
}

int schema_check_readable(Db *db, const char *zName, JwErr *e) {
  int version = db_schema_version(db);
  if (version < 0) return err_set(e, 500, "internal", "db", "无法读取数据库 %s：%s", zName, db_errmsg(db));
  if (version == 0) return err_set(e, 409, "conflict", "db", "%s 不是检务数据库", zName);
  if (version > SCHEMA_COUNT) {
    return err_set(e, 409, "conflict", "db", "数据库版本 %d 比本程序支持的版本 %d 新：请使用更新版本的 jianwu", version,
                   SCHEMA_COUNT);
  }
  return 0;
}

int schema_migrate(Db *db, JwErr *e) {
  if (db_schema_version(db) == SCHEMA_COUNT) return 0; /* the common case, without taking the write lock */
  /* The version is read again under the write lock: two servers starting on one new PostgreSQL database migrate once.
   */
  if (db_begin(db)) return err_set(e, 503, "unavailable", "db", "无法开始迁移事务：%s", db_errmsg(db));
  int version = db_schema_version(db);
  if (version < 0) {
    db_rollback(db);
    return err_set(e, 500, "internal", "db", "无法读取数据库版本：%s", db_errmsg(db));
  }
  if (version > SCHEMA_COUNT) {
    db_rollback(db);
    return err_set(e, 409, "conflict", "db", "数据库版本 %d 比本程序支持的版本 %d 新：请使用更新版本的 jianwu", version,
                   SCHEMA_COUNT);
  }
  if (version == SCHEMA_COUNT) {
    db_rollback(db);
    return 0;
  }
  if (version == 0 && db_table_count(db) > 0) {
    db_rollback(db);
    return err_set(e, 409, "conflict", "db", "该数据库不是检务数据库（含有其他数据表）");
  }
  for (int v = version + 1; v <= SCHEMA_COUNT; v++) {
    if (schema_run(db, v)) {
      err_set(e, 500, "internal", "db", "数据库迁移 %d 失败：%s", v, db_errmsg(db));
      db_rollback(db);
      return -1;
    }
  }
  int pg = db_backend(db) == DB_POSTGRES;
  if ((pg && (db_exec(db, schema_pg_functions) || schema_sync_sequences(db))) || /* sql-safe: literal above */
      db_set_schema_version(db, SCHEMA_COUNT) || db_commit(db)) {
    err_set(e, 500, "internal", "db", "数据库迁移提交失败：%s", db_errmsg(db));
    db_rollback(db);
    return -1;
  }
  return 0;
}
