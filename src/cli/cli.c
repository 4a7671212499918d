/* cli.c: option parsing and password input shared by the subcommands (see cli.h). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lib/mem.h"

int cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return 1;
  }
  return 0;
}

const char *cli_option(int argc, char **argv, const char *zName) {
  size_t n = strlen(zName);
  for (int i = 1; i < argc; i++) {
    if (strncmp(argv[i], "--", 2) != 0 || strncmp(argv[i] + 2, zName, n) != 0) continue;
    if (argv[i][2 + n] == '=') return argv[i] + 3 + n;
    if (argv[i][2 + n] == 0 && i + 1 < argc) return argv[i + 1];
  }
  return NULL;
}

const char *cli_db(int argc, char **argv) {
  const char *z = cli_option(argc, argv, "db");
  if (z) return z;
  z = getenv("JIANWU_DB");
  return z && *z ? z : NULL;
}

int cli_flag(int argc, char **argv, const char *zName) {
  for (int i = 1; i < argc; i++) {
    if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, zName) == 0) return 1;
  }
  return 0;
}

/* 1 when "--NAME" or "--NAME=..." names one of the list. */
static int cli_in(const char *zArg, const char *const *a, int *pHasValue) {
  for (; a && *a; a++) {
    size_t n = strlen(*a);
    if (strncmp(zArg + 2, *a, n) == 0 && (zArg[2 + n] == 0 || zArg[2 + n] == '=')) {
      *pHasValue = zArg[2 + n] == '=';
      return 1;
    }
  }
  return 0;
}

int cli_parse(int argc, char **argv, const char *const *zKnown, const char *const *zFlags, char **aPos, int nPosMax,
              int *pnPos) {
  int nPos = 0;
  for (int i = 1; i < argc; i++) {
    int hasValue = 0;
    if (strncmp(argv[i], "--", 2) == 0 && argv[i][2]) {
      if (cli_in(argv[i], zKnown, &hasValue)) {
        if (!hasValue) {
          if (i + 1 >= argc) {
            fprintf(stderr, "jianwu %s: option %s needs a value\n", argv[0], argv[i]);
            return -1;
          }
          i++;
        }
      } else if (!cli_in(argv[i], zFlags, &hasValue) || hasValue) {
        fprintf(stderr, "jianwu %s: unknown option %s (see jianwu %s --help)\n", argv[0], argv[i], argv[0]);
        return -1;
      }
    } else {
      if (nPos >= nPosMax) {
        fprintf(stderr, "jianwu %s: unexpected argument %s (see jianwu %s --help)\n", argv[0], argv[i], argv[0]);
        return -1;
      }
      aPos[nPos++] = argv[i];
    }
  }
  *pnPos = nPos;
  return 0;
}

/* Reads one line from fp without its newline; heap memory, NULL at end of file. */
static char *cli_read_line(FILE *fp) {
  char *z = NULL;
  size_t n = 0;
  ssize_t len = getline(&z, &n, fp);
  if (len < 0) {
    free(z);
    return NULL;
  }
  while (len > 0 && (z[len - 1] == '\n' || z[len - 1] == '\r')) z[--len] = 0;
  return z;
}

char *cli_read_password(const char *zPrompt) {
  if (!isatty(STDIN_FILENO)) return cli_read_line(stdin);
  struct termios old, quiet;
  tcgetattr(STDIN_FILENO, &old);
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t)ECHO;
  char *z1 = NULL, *z2 = NULL;
  fprintf(stderr, "%s: ", zPrompt);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  z1 = cli_read_line(stdin);
  fprintf(stderr, "\n%s (again): ", zPrompt);
  z2 = cli_read_line(stdin);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  fprintf(stderr, "\n");
  if (!z1 || !z2 || strcmp(z1, z2) != 0) {
    fprintf(stderr, "passwords do not match\n");
    free(z1);
    free(z2);
    return NULL;
  }
  free(z2);
  return z1;
}
