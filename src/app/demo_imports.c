/* demo_imports.c: the demo office's agency data (issue 12 §1, step 6): a driving-licence file from the 交警大队 and a
 * penalty file from the 公安局, written from the demo's own 危险驾驶 (dangerous_driving) persons and imported through
 * the import use case (app/imports.h), as 吴行政检察官 would upload them. Of the decided drunk drivers (prosecuted,
 * judged or not prosecuted), every other one keeps a `valid` licence dated long after the decision (the gap model (a)
 * of issue 12 §3 finds), the others are `revoked` ten days after it; one valid licence was re-issued inside the
 * five-year bar. The licence file is GB18030 (the encoding the 公安交管 systems export), the penalty file UTF-8 with a
 * BOM; one row of each is malformed, so the validation report has something to show. Deterministic. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/demo.h"
#include "app/imports.h"
#include "lib/buf.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"

/* Writes b to a new temporary file (GB18030 when gb), its path into zPath. 0 or -1. */
static int write_temp(const Buf *b, int gb, char zPath[64]) {
  snprintf(zPath, 64, "/tmp/jw-demo-import-XXXXXX");
  int fd = mkstemp(zPath);
  if (fd < 0) return -1;
  FILE *f = fdopen(fd, "wb");
  if (!f) {
    close(fd);
    return -1;
  }
  int rc = 0;
  if (gb) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    size_t nIn = b->n, nOut = 4 * b->n + 8;
    char *zOut = malloc(nOut), *pOut = zOut, *pIn = b->z;
    if (cd == (iconv_t)-1 || iconv(cd, &pIn, &nIn, &pOut, &nOut) == (size_t)-1) rc = -1;
    else if (fwrite(zOut, 1, (size_t)(pOut - zOut), f) != (size_t)(pOut - zOut)) rc = -1;
    if (cd != (iconv_t)-1) iconv_close(cd);
    free(zOut);
  } else if (fwrite(b->z, 1, b->n, f) != b->n) {
    rc = -1;
  }
  if (fclose(f) != 0) rc = -1;
  return rc;
}

static int run_import(Db *db, const Actor *a, const char *zKind, const char *zSource, const char *zName, const Buf *b,
                      int gb, FILE *fp, JwErr *e) {
  char zPath[64];
  if (write_temp(b, gb, zPath)) return err_internal(e, "demo import: cannot write a temporary file");
  ImportRequest rq = {.zKind = zKind, .zSource = zSource, .zPath = zPath, .zFileName = zName};
  ImportResult res;
  int rc = imports_run(db, a, &rq, &res, e);
  unlink(zPath);
  if (!rc && fp) {
    fprintf(fp, "导入演示数据 %s：接收 %ld 行，拒收 %ld 行\n", zName, res.rowsAccepted, res.rowsRejected);
  }
  return rc;
}

int demo_imports(Db *db, FILE *fp, JwErr *e) {
  UserAuth u = {0};
  if (user_store_auth_by_login(db, "xingjian", &u) != 1) return err_internal(e, "demo user xingjian missing");
  Actor a = {.userId = u.id, .orgId = u.orgId, .zLogin = "demo", .perms = user_store_permissions(db, u.id)};
  free(u.zHash);
  Stmt *s = db_prepare(db,
                       "SELECT p.id_number, p.name, p.decision, p.decision_on FROM case_person p"
                       " JOIN case_person_charge c ON c.person_id = p.id"
                       " WHERE p.org_id = ?1 AND c.charge = 'dangerous_driving' AND p.id_number IS NOT NULL"
                       " AND p.decision_on IS NOT NULL AND p.decision IN ('prosecute', 'non_prosecution')"
                       " ORDER BY p.id");
  db_bind_int(s, 1, a.orgId);
  Buf lic = BUF_INIT, pen = BUF_INIT;
  buf_puts(&lic, "序号,驾驶人姓名,公民身份号码,驾驶证档案编号,准驾车型,驾驶证状态,状态日期,重新取得日期,发证机关\r\n");
  buf_puts(&pen,
           "\xEF\xBB\xBF当事人姓名,身份证号,处罚机关,处罚种类,行政处罚决定书文号,处罚决定日期,罚款金额（元）\r\n");
  int n = 0, nPen = 0;
  while (db_step(s) == DB_ROW) {
    const char *zId = db_col_text(s, 0), *zName = db_col_text(s, 1), *zDecision = db_col_text(s, 2);
    JwDate d;
    if (date_parse(db_col_text(s, 3), 10, &d)) continue;
    char zOn[11], zRe[11] = "";
    int valid = n % 2 == 1;
    date_format(valid ? d + 45 : d + 10, zOn);
    if (valid && n % 4 == 1) date_format(d + 40, zRe); /* re-issued inside the five-year bar */
    buf_printf(&lic, "%d,%s,%s,%s%02d,C1,%s,%s,%s,缙云县公安局交通警察大队车辆管理所\r\n", n + 1, zName, zId, "3311", n,
               valid ? "正常" : "吊销", zOn, zRe);
    if (strcmp(zDecision, "non_prosecution") == 0 && nPen % 2 == 0) {
      char zPen[11];
      date_format(d + 20, zPen);
      buf_printf(&pen, "%s,%s,缙云县公安局,罚款,缙公（交）行罚决字〔%.4s〕%d号,%s,2000\r\n", zName, zId, zPen, nPen + 1,
                 zPen);
    }
    if (strcmp(zDecision, "non_prosecution") == 0) nPen++;
    n++;
  }
  db_done(s);
  /* one malformed row each, for the validation report */
  buf_printf(&lic, "%d,,110105194912310021,,C1,未知,2025-02-30,,\r\n", n + 1);
  buf_puts(&pen, "某某,110105194912310021,缙云县公安局,警告,,2025/3/5,\r\n");
  int rc = run_import(db, &a, "licence", "缙云县公安局交通警察大队", "驾驶证状态信息.csv", &lic, 1, fp, e);
  if (!rc) rc = run_import(db, &a, "penalty", "缙云县公安局", "行政处罚信息.csv", &pen, 0, fp, e);
  buf_free(&lic);
  buf_free(&pen);
  return rc;
}
