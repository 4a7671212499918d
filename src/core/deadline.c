/* deadline.c: due days with stopped clocks, custody on the nominal last day, levels, and the kinds (see deadline.h). */
#include "core/deadline.h"

#include <string.h>

/* ---- kinds ------------------------------------------------------------------------------------------------ */

/* Every kind of deadline Jianwu keeps. A capability adds its periods here (one row) and hands its rows to
 * deadlines_sync() (app/deadlines.h); the views, warnings, reminders and calendar recomputation need nothing else. */
const DeadlineKindRule deadline_kinds[] = {
    /* the review period of a case type (per person, per round); its warning days are set per case type */
    {"review", "审查期限", 5, 0, "刑事诉讼法第一百七十二条"},
    {"supplementary", "退回补充侦查期限", 5, 0, "刑事诉讼法第一百七十五条"},
    {"archiving", "归档期限", 5, 0, "卷宗一月一归档"},
    /* 附条件不起诉 考验期: 6 to 12 months from the decision (CPL 283); the final decision follows it */
    {"probation", "附条件不起诉考验期", 10, 0, "刑事诉讼法第二百八十三条"},
    /* the parties' 7 days to complain against a 不起诉 (CPL 180 victim, CPL 181 酌定不诉 person): they lapse */
    {"complaint_victim", "被害人申诉期", 2, 1, "刑事诉讼法第一百八十条"},
    {"complaint_suspect", "被不起诉人申诉期", 2, 1, "刑事诉讼法第一百八十一条"},
    /* a case found outside the office's jurisdiction goes to the competent office via 案管 within 5 days */
    {"jurisdiction_transfer", "移送管辖期限", 2, 0, "规则第三百二十八条"},
    /* the maximum terms of the non-custodial measures, from the day the person's current measure started (CPL 79):
     * a reminder to renew, change or lift the measure before it runs out; warning days [M] */
    {"bail_expiry", "取保候审期限", 15, 0, "刑事诉讼法第七十九条"},
    {"residential_expiry", "监视居住期限", 10, 0, "刑事诉讼法第七十九条"},
    /* linkage (issue 10, 行刑反向衔接; core/linkage.h): transfer 3 working days, review 10 working days, reply 2
     * months; warning days [M] */
    {"linkage_transfer", "行刑衔接移送期限", 1, 0, "人民检察院行刑反向衔接工作指引"},
    {"linkage_review", "行刑衔接审查期限", 3, 0, "人民检察院行刑反向衔接工作指引第十二条"},
    {"linkage_reply", "检察意见回复期限", 10, 0, "关于推进行政执法与刑事司法衔接工作的规定"},
    /* suggestions (issue 10): the recipient's written reply, 2 months from service (15 days urgent 公益诉讼) */
    {"suggestion_reply", "检察建议回复期限", 10, 0, "人民检察院检察建议工作规定第十九条"},
    /* petitions (issue 13, 群众信访件件有回复; core/petition.h): the procedural reply in 7 days (unit per office), the
     * result or progress reply in 3 months, then a follow-up every month until closed; warning days [M] */
    {"petition_procedural", "信访程序性回复期限", 2, 0, "群众信访件件有回复（七日内程序性回复）"},
    {"petition_result", "信访结果答复期限", 10, 0, "群众信访件件有回复（三个月内答复办理结果或进展）"},
    {"petition_followup", "信访后续答复期限", 5, 0, "群众信访件件有回复（三个月未办结的每月答复进展）"},
};

const int deadline_kinds_count = (int)(sizeof deadline_kinds / sizeof deadline_kinds[0]);

const DeadlineKindRule *deadline_kind_by_code(const char *zCode) {
  for (int i = 0; zCode && i < deadline_kinds_count; i++) {
    if (strcmp(deadline_kinds[i].zCode, zCode) == 0) return &deadline_kinds[i];
  }
  return NULL;
}

/* ---- due day ---------------------------------------------------------------------------------------------- */

int custody_before_day(const CustodyChange *a, int n, JwDate d) {
  int before = 0; /* custody in force at the start of day d */
  for (int i = 0; i < n && a[i].on < d; i++) before = a[i].inCustody;
  return before;
}

int custody_on_day(const CustodyChange *a, int n, JwDate d) {
  if (custody_before_day(a, n, d)) return 1;
  for (int i = 0; i < n; i++) {
    if (a[i].on == d && a[i].inCustody) return 1; /* detained during that day */
  }
  return 0;
}

/* 1 when d lies in the range the calendar functions take. */
static int in_range(JwDate d) {
  return d >= JW_DATE_MIN && d <= JW_DATE_MAX;
}

int period_clock_due(const JwCalendar *cal, const PeriodClock *p, PeriodDue *out) {
  memset(out, 0, sizeof *out);
  JwDate end;
  int prov = 0;
  /* the base length, never moved here: the rest-day rule applies once, to the last day of the whole period */
  if (!in_range(p->start) || period_due(cal, p->start, p->length, 1, &end, &prov)) return -1;
  end += p->extraDays;
  for (int i = 0; i < p->nStop; i++) {
    const ClockStop *s = &p->aStop[i];
    if (s->from > end) break; /* the period had run out before this stop: it cannot stop a finished clock */
    if (!s->to) {
      out->suspended = 1;
      out->daysLeft = end - s->from;
      break;
    }
    if (s->to > s->from) {
      out->stopDays += s->to - s->from;
      end += s->to - s->from;
    }
  }
  out->nominal = end;
  out->provisional = prov;
  /* a period closed by a decision before its nominal last day is judged by the custody it ran under up to that day:
   * a custody change dated the closing day follows the decision (批准逮捕 makes the suspect arrested) */
  int bound = 0;
  if (p->custody == CUSTODY_HISTORY) {
    bound = p->closedOn && p->closedOn <= end ? custody_before_day(p->aCustody, p->nCustody, p->closedOn)
                                              : custody_on_day(p->aCustody, p->nCustody, end);
  }
  out->custodyBound = p->custody == CUSTODY_ALWAYS || bound;
  if (out->suspended) return 0;
  if (!in_range(end)) {
    memset(out, 0, sizeof *out);
    return -1;
  }
  out->due = end;
  if (!out->custodyBound) {
    int prov2 = 0;
    if (period_roll_forward(cal, end, &out->due, &prov2)) {
      memset(out, 0, sizeof *out);
      return -1;
    }
    out->provisional |= prov2;
  }
  return 0;
}

int period_stored_due(const JwCalendar *cal, JwDate start, JwLength length, int extraDays, int stopDays,
                      int custodyBound, JwDate *pDue, int *pProvisional) {
  ClockStop stop = {start, start + stopDays}; /* the same shift as the stops it stands for */
  PeriodClock p = {start, length, extraDays, &stop, stopDays > 0, custodyBound ? CUSTODY_ALWAYS : CUSTODY_NEVER,
                   NULL,  0,      0};
  PeriodDue d;
  if (period_clock_due(cal, &p, &d) || d.suspended) return -1;
  *pDue = d.due;
  if (pProvisional) *pProvisional = d.provisional;
  return 0;
}

/* ---- level ------------------------------------------------------------------------------------------------ */

int deadline_lapsed(int lapses, int open, JwDate due, JwDate today) {
  return lapses && open && due && due < today;
}

const char *deadline_state_level(const DeadlineState *d, JwDate today, int *pDaysLeft) {
  if (d->suspended) {
    if (pDaysLeft) *pDaysLeft = d->daysLeft;
    return "suspended";
  }
  int left = d->due - today;
  if (pDaysLeft) *pDaysLeft = left;
  if (!d->open) return d->lapses ? "lapsed" : d->closedOn <= d->due ? "met" : "late";
  if (left < 0) return d->lapses ? "lapsed" : "overdue";
  if (left == 0) return "due";
  if (left <= d->warnDays) return "warning";
  return "normal";
}
