/* people_store.h: SQL of the people capability (issue 14; app/people.h): archive entries, 小轮岗 plans and stints,
 * 主副岗, the mentor pool, pairings, talks and 示范 records, courses and attendance, and the restricted 廉政 records.
 * Bound parameters only; one SQL text for both backends. Every query is scoped by org_id.
 *
 * Rows come back as JSON objects (new references) built by people_row(): the column names of the SELECT, each
 * typed by its spec (see people_row). NULL means a database error. */
#ifndef JW_PEOPLE_STORE_H
#define JW_PEOPLE_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store_util.h"

/* A row as JSON: aSpec[i] names column i; a leading '#' makes it an integer, '%' an integer or null, '?' a text or
 * null, '!' a 0/1 boolean; none a text. */
json_t *people_row(Stmt *s, const char *const *aSpec, int n);
/* Every row of a bound statement as a JSON array of people_row() objects (resets s). NULL on error. */
json_t *people_rows(Stmt *s, const char *const *aSpec, int n);

/* 1 when user id is an active user of org, 0 when not, -1 on error; with zName (NULL allowed) its name. */
int people_store_user(Db *db, int64_t orgId, int64_t id, char *zName, size_t nName);
/* 1 when department id belongs to org, 0 when not, -1 on error. */
int people_store_department(Db *db, int64_t orgId, int64_t id);
/* 1 when case id belongs to org, 0 when not, -1 on error. */
int people_store_case(Db *db, int64_t orgId, int64_t id);

/* archive entries */
int64_t people_store_entry_insert(Db *db, int64_t orgId, int64_t userId, const char *zKind, const char *zTitle,
                                  int64_t departmentId, const char *zStarted, const char *zEnded, const char *zRating,
                                  int64_t evaluatorId, const char *zBody, int64_t createdBy, const char *zNow);
json_t *people_store_entries(Db *db, int64_t orgId, int64_t userId);
/* the person's performance from the case data: {"cases_by_type":[{case_type,count,concluded}],"cases":N,
 * "deadlines_closed":N,"deadlines_on_time":N,"on_time_rate":x|null} */
json_t *people_store_performance(Db *db, int64_t orgId, int64_t userId);

/* 小轮岗 */
int64_t people_store_plan_insert(Db *db, int64_t orgId, int64_t userId, const char *zStart, int months,
                                 int64_t createdBy, const char *zNow);
int64_t people_store_stint_insert(Db *db, int64_t orgId, int64_t planId, int64_t userId, int64_t departmentId,
                                  int64_t headId, const char *zStart, const char *zEnd);
/* The person's stints that overlap [zStart, zEnd] (inclusive), as an array (empty: none). */
json_t *people_store_stints_overlapping(Db *db, int64_t orgId, int64_t userId, const char *zStart, const char *zEnd);
/* The plan {id,user_id,user_name,start_on,stint_months,final_department_id,final_reasons,party_decision_on,
 * stints:[...]} or JSON null when absent (another office's too). */
json_t *people_store_plan(Db *db, int64_t orgId, int64_t id);
json_t *people_store_plans(Db *db, int64_t orgId, int64_t userId);
/* The stint {id,plan_id,user_id,department_id,head_id,start_on,end_on,rating,...} or JSON null. */
json_t *people_store_stint(Db *db, int64_t orgId, int64_t id);
int people_store_stint_evaluate(Db *db, int64_t orgId, int64_t id, const char *zRating, const char *zText,
                                const char *zOn, int64_t by);
int people_store_plan_final(Db *db, int64_t orgId, int64_t id, int64_t departmentId, const char *zReasons,
                            const char *zPartyOn, const char *zNow);
/* Stints whose end is on or before zUntil and not evaluated, of head headId (0: every head): the reminders. */
json_t *people_store_stints_due(Db *db, int64_t orgId, int64_t headId, const char *zUntil);

/* 大轮岗: current posts (staff_entry kind post, no end) started on or before zSince: the flagged ones. */
json_t *people_store_posts_since(Db *db, int64_t orgId, const char *zSince);

/* 主副岗 */
int64_t people_store_secondary_insert(Db *db, int64_t orgId, int64_t userId, int64_t departmentId, const char *zTitle,
                                      int64_t responsibleId, const char *zStarted, const char *zEnded,
                                      const char *zNow);
json_t *people_store_secondaries(Db *db, int64_t orgId, int64_t userId);
json_t *people_store_secondary(Db *db, int64_t orgId, int64_t id);
int people_store_secondary_evaluate(Db *db, int64_t orgId, int64_t id, const char *zRating, const char *zText,
                                    const char *zOn);

/* 导师制 */
int64_t people_store_mentor_insert(Db *db, int64_t orgId, int64_t userId, const char *zFields, const char *zAdmitted,
                                   const char *zNow);
/* 1 when user is in the org's mentor pool, 0 not, -1 error */
int people_store_is_mentor(Db *db, int64_t orgId, int64_t userId);
json_t *people_store_mentors(Db *db, int64_t orgId, int year);
int64_t people_store_pair_insert(Db *db, int64_t orgId, int64_t mentorId, int64_t menteeId, const char *zStart,
                                 const char *zNow);
/* {id,mentor_id,mentee_id,started_on,ended_on,last_talk_on} or JSON null */
json_t *people_store_pair(Db *db, int64_t orgId, int64_t id);
/* open pairs (no end) with last_talk_on, of mentor mentorId or mentee (0: all), with names */
json_t *people_store_pairs(Db *db, int64_t orgId, int64_t userId);
int64_t people_store_talk_insert(Db *db, int64_t orgId, int64_t pairId, const char *zOn, const char *zNote, int64_t by,
                                 const char *zNow);
json_t *people_store_talks(Db *db, int64_t orgId, int64_t pairId);
int64_t people_store_demo_insert(Db *db, int64_t orgId, int64_t mentorId, int year, const char *zKind, int64_t caseId,
                                 int64_t menteeId, const char *zNote, const char *zNow);
json_t *people_store_demos(Db *db, int64_t orgId, int64_t mentorId, int year);

/* courses */
int64_t people_store_course_insert(Db *db, int64_t orgId, const char *zTitle, int64_t lecturerId, const char *zOn,
                                   int hours, const char *zArea, const char *zMaterials, int64_t by, const char *zNow);
json_t *people_store_course(Db *db, int64_t orgId, int64_t id);
json_t *people_store_courses(Db *db, int64_t orgId, int year);
/* insert or replace one attendee's row */
int people_store_attendance_put(Db *db, int64_t orgId, int64_t courseId, int64_t userId, int attended, int rating);
/* [{user_id,name,hours,courses}] for the year (attended only); userId 0: everyone */
json_t *people_store_hours(Db *db, int64_t orgId, int year, int64_t userId);

/* 廉政谈话 / 廉洁家访 */
int64_t people_store_integrity_insert(Db *db, int64_t orgId, int64_t userId, const char *zKind, const char *zOn,
                                      const char *zBy, const char *zBody, int64_t createdBy, const char *zNow);
json_t *people_store_integrity(Db *db, int64_t orgId, int64_t id);
json_t *people_store_integrity_list(Db *db, int64_t orgId, int64_t userId);

#endif
