/* api.h: the route handlers. Each is declared with its policy in routes.c; the dispatcher has already checked the
 * session, the permission, the CSRF token and the JSON body (r->in) before a handler runs. */
#ifndef JW_API_H
#define JW_API_H
#include "web/req.h"

int api_health(Req *r);
int api_session_login(Req *r);
int api_session_get(Req *r);
int api_session_logout(Req *r);
int api_session_password(Req *r);
int api_orgs_list(Req *r);
int api_orgs_get(Req *r);
int api_orgs_create(Req *r);
int api_orgs_update(Req *r);
int api_departments_list(Req *r);
int api_departments_create(Req *r);
int api_departments_update(Req *r);
int api_users_list(Req *r);
int api_users_get(Req *r);
int api_users_create(Req *r);
int api_users_update(Req *r);
int api_users_password(Req *r);
int api_users_unlock(Req *r);
int api_audit_list(Req *r);
int api_calendar_due(Req *r);
int api_calendar_year(Req *r);
int api_calendar_import(Req *r);
int api_reference_case_types(Req *r);
int api_reference_charges(Req *r);
int api_cases_list(Req *r);
int api_cases_create(Req *r);
int api_cases_get(Req *r);
int api_cases_update(Req *r);
int api_cases_add_person(Req *r);
int api_cases_update_person(Req *r);
int api_cases_event(Req *r);
int api_cases_rotation(Req *r);
int api_deadlines_list(Req *r);
int api_deadlines_summary(Req *r);
/* api_work.c: the home page's work queues and the bell's reminders */
int api_work(Req *r);
int api_reminders(Req *r);
int api_deadlines_month(Req *r); /* scale-ui */
int api_settings_warnings_get(Req *r);
int api_settings_warnings_put(Req *r);
int api_settings_fast_track_get(Req *r);
int api_settings_fast_track_put(Req *r);
int api_reference_deadline_kinds(Req *r);
int api_approvals_list(Req *r);
int api_approvals_get(Req *r);
int api_approvals_approve(Req *r);
int api_approvals_return(Req *r);
int api_approvals_withdraw(Req *r);
int api_settings_power_list_get(Req *r);
int api_settings_power_list_put(Req *r);
int static_serve(Req *r);
/* xlsx-export: every list's Excel export (api_export.h) */
int api_cases_export(Req *r);
int api_deadlines_export(Req *r);
int api_audit_export(Req *r);
int api_users_export(Req *r);
int api_approvals_export(Req *r);
/* api_agencies.c (issue 10, agencies): the registry of agencies */
int api_agencies_list(Req *r);
int api_agencies_export(Req *r);
int api_agencies_get(Req *r);
int api_agencies_create(Req *r);
int api_agencies_update(Req *r);
int api_reference_agency_kinds(Req *r);
/* documents (issue 10 §4, api_documents.c) */
int api_documents_list(Req *r);
int api_documents_export(Req *r);
int api_documents_get(Req *r);
int api_documents_docx(Req *r);
int api_documents_reissue(Req *r);
int api_document_templates_get(Req *r);
int api_document_templates_put(Req *r);
int api_document_settings_put(Req *r);
int api_cases_person_document(Req *r);
/* linkage (issue 10): 行刑反向衔接 items (api_linkage.c) */
int api_linkage_list(Req *r);
int api_linkage_export(Req *r);
int api_linkage_by_agency(Req *r);
int api_linkage_get(Req *r);
int api_linkage_event(Req *r);
/* api_suggestions.c: the 检察建议 (issue 10) */
int api_suggestions_list(Req *r);
int api_suggestions_export(Req *r);
int api_suggestions_by_agency(Req *r);
int api_suggestions_get(Req *r);
int api_suggestions_create(Req *r);
int api_suggestions_update(Req *r);
int api_suggestions_event(Req *r);
/* imports (issue 12): api_imports.c */
int api_imports_list(Req *r);
int api_imports_create(Req *r);
int api_imports_preview(Req *r);
int api_imports_progress(Req *r);
int api_imports_get(Req *r);
int api_imports_rejections(Req *r);
int api_imports_rejections_export(Req *r);
int api_licence_records_list(Req *r);
int api_licence_records_export(Req *r);
int api_penalty_records_list(Req *r);
int api_penalty_records_export(Req *r);
/* api_petitions.c: the 信访 (issue 13) */
int api_petitions_list(Req *r);
int api_petitions_export(Req *r);
int api_petitions_repeats(Req *r);
int api_petitions_stats(Req *r);
int api_petitions_settings_get(Req *r);
int api_petitions_settings_put(Req *r);
int api_petitions_get(Req *r);
int api_petitions_create(Req *r);
int api_petitions_event(Req *r);

/* stats (issue 11, api_stats.c): indicator reports, the records behind a figure, configuration, closed periods */
struct StatsQuery;
int api_stats_query(Req *r, struct StatsQuery *q, JwErr *e);
int api_stats_report(Req *r);
int api_stats_records(Req *r);
int api_stats_config_get(Req *r);
int api_stats_config_put(Req *r);
int api_stats_snapshots_create(Req *r);
int api_stats_snapshots_list(Req *r);
int api_stats_report_xlsx(Req *r);
int api_stats_report_csv(Req *r);
/* api_people.c: people and party-building (issue 14) */
int api_people_archive(Req *r);
int api_people_plans_list(Req *r);
int api_people_cycle(Req *r);
int api_people_entry_create(Req *r);
int api_people_plan_create(Req *r);
int api_people_plan_get(Req *r);
int api_people_stint_add(Req *r);
int api_people_stint_evaluate(Req *r);
int api_people_plan_final(Req *r);
int api_people_secondary_create(Req *r);
int api_people_secondary_list(Req *r);
int api_people_secondary_evaluate(Req *r);
int api_people_mentor_add(Req *r);
int api_people_mentors(Req *r);
int api_people_pair_create(Req *r);
int api_people_talk_add(Req *r);
int api_people_demo_add(Req *r);
int api_people_reminders(Req *r);
int api_people_course_create(Req *r);
int api_people_course_get(Req *r);
int api_people_courses(Req *r);
int api_people_attendance(Req *r);
int api_people_hours(Req *r);
int api_people_integrity_create(Req *r);
int api_people_integrity_get(Req *r);
int api_people_integrity_list(Req *r);

/* leads (issue 12 §3): api_leads.c */
int api_models_list(Req *r);
int api_models_update(Req *r);
int api_models_run(Req *r);
int api_models_runs(Req *r);
int api_leads_list(Req *r);
int api_leads_export(Req *r);
int api_leads_get(Req *r);
int api_leads_verify(Req *r);
int api_leads_suggest(Req *r);
int api_lead_candidates(Req *r);
int api_lead_candidate_decide(Req *r);
#endif
