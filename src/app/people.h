/* people.h: the people capability (issue 14; DOMAIN.md 0.5; docs/api-people.md): the 成长动态档案 (growth archive:
 * entered specialties, posts, achievements, awards and evaluations beside the performance computed from the case
 * data, the rotation stints, 副岗, mentoring and training hours), 小轮岗 plans generated on the legal calendar with
 * the department head's evaluation of each stint and the final assignment, the 大轮岗 flags, 主副岗 with their
 * 培养责任人, the 导师制 (pool, pairings, 谈心 log, 示范 records, reminders), 检察官教检察官 courses with attendance
 * and hours, and the restricted 廉政谈话 / 廉洁家访 records.
 *
 * Permissions (docs/permissions.md): people.read reads every archive and list; people.manage records; every user
 * reads their own archive; a stint or 副岗 is evaluated only by its 培养责任人 (403 naming "evaluator"); the 廉政
 * records answer 404 to anyone without integrity.read, and each read of one is audited. Every write is checked in
 * full before anything is written, and written with its audit row in one transaction. */
#ifndef JW_PEOPLE_APP_H
#define JW_PEOPLE_APP_H
#include <jansson.h>
#include <stdint.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"

int people_archive(Db *db, const Actor *actor, int64_t userId, int year, json_t **out, JwErr *e);
int people_entry_create(Db *db, const Actor *actor, int64_t userId, const json_t *in, json_t **out, JwErr *e);

int people_plan_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int people_plan_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
int people_plans_list(Db *db, const Actor *actor, int64_t userId, json_t **out, JwErr *e);
int people_stint_add(Db *db, const Actor *actor, int64_t planId, const json_t *in, json_t **out, JwErr *e);
int people_stint_evaluate(Db *db, const Actor *actor, int64_t stintId, const json_t *in, json_t **out, JwErr *e);
int people_plan_final(Db *db, const Actor *actor, int64_t planId, const json_t *in, json_t **out, JwErr *e);
int people_cycle(Db *db, const Actor *actor, int months, json_t **out, JwErr *e);

int people_secondary_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int people_secondary_list(Db *db, const Actor *actor, json_t **out, JwErr *e);
int people_secondary_evaluate(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);

int people_mentor_add(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int people_mentors(Db *db, const Actor *actor, int year, json_t **out, JwErr *e);
int people_pair_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int people_talk_add(Db *db, const Actor *actor, int64_t pairId, const json_t *in, json_t **out, JwErr *e);
int people_demo_add(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* The actor's reminders: stints to evaluate, missed talks, the fourth-quarter 示范 warning (people.manage: the
 * office's). {"items":[{kind, due_on, text, entity_kind, entity_id, ...}]} */
int people_reminders(Db *db, const Actor *actor, json_t **out, JwErr *e);

int people_course_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int people_course_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
int people_courses(Db *db, const Actor *actor, int year, json_t **out, JwErr *e);
int people_attendance(Db *db, const Actor *actor, int64_t courseId, const json_t *in, json_t **out, JwErr *e);
int people_hours(Db *db, const Actor *actor, int year, json_t **out, JwErr *e);

int people_integrity_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int people_integrity_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
int people_integrity_list(Db *db, const Actor *actor, json_t **out, JwErr *e);

#endif
