/* work.h: the work that comes to the user (docs/api-cases.md, "Work queues and reminders"): the home page's queues
 * per role, and the reminders of the top bar's bell.
 *
 * Every queue is one of the existing lists (deadlines, cases, approvals) with a filter: the queue carries that filter
 * ({"list": "deadlines", "filter": {"scope": "mine", "level": "overdue"}}), its first lines and the list's exact total,
 * so the count on the home page is the count of the list the link opens. Which queues a user gets follows from the
 * permissions of their roles (docs/permissions.md):
 *   - handles cases (检察官, 检察官助理, 部门负责人: case.handle without case.register, or case.decide without
 *     approval.chief): my overdue, due today and due this week deadlines, my open cases;
 *   - 案管 (case.register): the office's overdue, due today and upcoming (warning) deadlines, the cases received today,
 *     the open cases not yet assigned to a prosecutor;
 *   - a leader (approval.chief: 检察长, 副检察长) the office's figures, a 部门负责人 (approval.decide) the
 *     department's: open cases, overdue deadlines, concluded this month, approvals waiting; and the cases past a
 *     deadline.
 * A user with several roles gets each queue once; a user without case.read gets none.
 *
 * The reminders are every running deadline of every kind (deadline_kinds[]) that is overdue, due today or within its
 * warning days, in the 期限 badge's scope: the office's for 案管 and leaders (case.register or audit.read), the
 * user's own otherwise. A capability that adds a deadline kind appears here with nothing more to do. */
#ifndef JW_WORK_H
#define JW_WORK_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"

#define WORK_QUEUE_LINES 10 /* lines per queue and reminders in the bell's list */
/* A case queue's or figure's total counts this many cases at most ("1000+"): a home page at a million cases stays
 * fast (the cases past a deadline: 1.4 s to 0.2 s), and the list it links to counts further. */
#define WORK_COUNT_CAP 1000

/* {"today", "queues": [{"key", "kind": "deadlines"|"cases"|"figures", "scope", "list", "filter", "total",
 * "total_capped", "items"} | {"key", "kind": "figures", "scope", "figures": [{"key", "count", "capped", "list",
 * "filter"}]}]}. zToday 'YYYY-MM-DD' (China Standard Time). *out a new reference. */
int work_queues(Db *db, const Actor *actor, const char *zToday, json_t **out, JwErr *e);

/* {"today", "scope", "total", "total_capped", "list": "deadlines", "filter", "items": [the most urgent first]}. */
int work_reminders(Db *db, const Actor *actor, const char *zToday, json_t **out, JwErr *e);

#endif
