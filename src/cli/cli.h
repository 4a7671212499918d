/* cli.h: the command line. Each subcommand is a function taking its own argv (argv[0] is the subcommand name) and
 * returning the process exit status: 0 success, 1 failure, 2 bad usage or bad input. */
#ifndef JW_CLI_H
#define JW_CLI_H

typedef struct CliCommand {
  const char *zName;
  const char *zSummary; /* one line, for jianwu --help */
  int (*xRun)(int argc, char **argv);
} CliCommand;

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_demo_data(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_idcard(int argc, char **argv); /* cmd_idcard.c */
int cmd_calendar(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_report(int argc, char **argv); /* cmd_report.c: stats (issue 11) */
int cmd_import(int argc, char **argv); /* cmd_import.c (issue 12) */
int cmd_match(int argc, char **argv);  /* cmd_match.c (issue 12 §3, leads) */

/* Helpers shared by the commands. */
/* 1 when argv[i] is "-h" or "--help" for some i. */
int cli_wants_help(int argc, char **argv);
/* Finds "--NAME VALUE" or "--NAME=VALUE" in argv; returns VALUE or NULL. */
const char *cli_option(int argc, char **argv, const char *zName);
/* The database the command works on: --db FILE|URL, else $JIANWU_DB (a path or a postgres:// URL), else NULL. */
const char *cli_db(int argc, char **argv);
/* 1 when the flag "--NAME" is present. */
int cli_flag(int argc, char **argv, const char *zName);
/* Checks that every argument starting with "--" is one of the NULL-terminated zKnown (options with values) or zFlags
 * (flags), and collects the other arguments into aPos (at most nPosMax). Prints an error and returns -1 if not. */
int cli_parse(int argc, char **argv, const char *const *zKnown, const char *const *zFlags, char **aPos, int nPosMax,
              int *pnPos);
/* Reads a password: prompted without echo on a terminal (twice), else one line of stdin. Heap memory to free. */
char *cli_read_password(const char *zPrompt);

#endif
