/* jsonin.c: checked JSON input (see jsonin.h). */
#include "lib/jsonin.h"

#include <stdio.h>
#include <string.h>

#include "lib/utf8.h"

int jin_too_deep(const char *z, size_t n, int maxDepth) {
  int depth = 0, inString = 0;
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (inString) {
      if (c == '\\') i++;
      else if (c == '"') inString = 0;
    } else if (c == '"') {
      inString = 1;
    } else if (c == '{' || c == '[') {
      if (++depth > maxDepth) return 1;
    } else if (c == '}' || c == ']') {
      depth--;
    }
  }
  return 0;
}

int jin_parse(const char *body, size_t n, json_t **out, JwErr *e) {
  *out = NULL;
  if (n == 0) return err_set(e, 400, "bad_json", NULL, "请求体为空，需要 JSON 对象");
  if (!utf8_valid(body, n)) return err_set(e, 400, "bad_json", NULL, "请求体不是有效的 UTF-8 文本");
  if (jin_too_deep(body, n, JIN_MAX_DEPTH)) {
    return err_set(e, 400, "bad_json", NULL, "JSON 嵌套层数超过 %d", JIN_MAX_DEPTH);
  }
  json_error_t je;
  json_t *v = json_loadb(body, n, JSON_REJECT_DUPLICATES, &je);
  if (!v)
    return err_set(e, 400, "bad_json", NULL, "JSON 格式错误（第 %d 行第 %d 列）：%s", je.line, je.column, je.text);
  if (!json_is_object(v)) {
    json_decref(v);
    return err_set(e, 400, "bad_json", NULL, "请求体必须是 JSON 对象");
  }
  *out = v;
  return 0;
}

/* The subject of a message about field zName: its Chinese label from the table ("案件名称"), else "字段 title ". */
static const char *jin_subject(const char *zName, const JinLabel *aLabel, size_t nLabel, char *z, size_t n) {
  for (size_t i = 0; i < nLabel; i++) {
    if (strcmp(aLabel[i].zName, zName) == 0) return aLabel[i].zLabel;
  }
  snprintf(z, n, "字段 %s ", zName);
  return z;
}

/* Checks one string value against a field's bounds; zWho is the field's subject (jin_subject). */
static int jin_check_string(const char *zName, const char *zWho, const json_t *v, int multiline, int64_t min,
                            int64_t max, JwErr *e) {
  const char *z = json_string_value(v);
  size_t n = json_string_length(v);
  if (memchr(z, 0, n)) return err_field(e, zName, "%s含有非法字符", zWho);
  if (utf8_has_control(z, n, multiline ? "\n\t\r" : NULL)) return err_field(e, zName, "%s含有控制字符", zWho);
  size_t len = utf8_length(z, n);
  if ((int64_t)len < min) {
    if (min == 1) return err_field(e, zName, "%s不能为空", zWho);
    return err_field(e, zName, "%s至少 %lld 个字符", zWho, (long long)min);
  }
  if ((int64_t)len > max) return err_field(e, zName, "%s超过 %lld 个字符", zWho, (long long)max);
  return 0;
}

/* Checks that v is an array within the field's item bounds (and JIN_MAX_ITEMS: 413 beyond it). */
static int jin_check_array(const JinField *f, const char *zWho, const json_t *v, const char *zWhat, JwErr *e) {
  if (!json_is_array(v)) return err_field(e, f->zName, "%s必须是%s", zWho, zWhat);
  size_t n = json_array_size(v);
  if (n > JIN_MAX_ITEMS) return err_set(e, 413, "too_large", f->zName, "%s的项目过多", zWho);
  if ((int64_t)n < f->min) return err_field(e, f->zName, "%s至少需要 %lld 项", zWho, (long long)f->min);
  if ((int64_t)n > f->max) return err_field(e, f->zName, "%s最多 %lld 项", zWho, (long long)f->max);
  return 0;
}

int jin_check(const json_t *obj, const JinField *a, size_t nField, JwErr *e) {
  return jin_check_labeled(obj, a, nField, NULL, 0, e);
}

int jin_check_labeled(const json_t *obj, const JinField *a, size_t nField, const JinLabel *aLabel, size_t nLabel,
                      JwErr *e) {
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)obj, key, v) {
    size_t i;
    for (i = 0; i < nField && strcmp(a[i].zName, key) != 0; i++) {}
    if (i == nField) {
      char zKey[48];
      size_t kn = strlen(key);
      if (kn == 0 || kn > 40 || !utf8_valid(key, kn) || utf8_has_control(key, kn, NULL)) memcpy(zKey, "?", 2);
      else memcpy(zKey, key, kn + 1);
      return err_field(e, zKey, "未知字段 %s", zKey);
    }
  }
  for (size_t i = 0; i < nField; i++) {
    const JinField *f = &a[i];
    char zBuf[64];
    const char *zWho = jin_subject(f->zName, aLabel, nLabel, zBuf, sizeof zBuf);
    v = json_object_get(obj, f->zName);
    if (!v) {
      if (!f->required) continue;
      if (zWho == zBuf) return err_field(e, f->zName, "缺少字段 %s", f->zName);
      return err_field(e, f->zName, "缺少%s", zWho);
    }
    switch (f->type) {
      case JIN_STRING_OR_NULL:
        if (json_is_null(v)) break;
        /* fall through */
      case JIN_STRING:
      case JIN_TEXT:
        if (!json_is_string(v)) return err_field(e, f->zName, "%s必须是字符串", zWho);
        if (jin_check_string(f->zName, zWho, v, f->type == JIN_TEXT, f->min, f->max, e)) return -1;
        break;
      case JIN_ID_OR_NULL:
        if (json_is_null(v)) break;
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
          return err_field(e, f->zName, "%s必须是正整数编号或 null", zWho);
        }
        break;
      case JIN_INT:
        if (!json_is_integer(v)) return err_field(e, f->zName, "%s必须是整数", zWho);
        if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
          return err_field(e, f->zName, "%s必须在 %lld 到 %lld 之间", zWho, (long long)f->min, (long long)f->max);
        }
        break;
      case JIN_BOOL:
        if (!json_is_boolean(v)) return err_field(e, f->zName, "%s必须是 true 或 false", zWho);
        break;
      case JIN_OBJECTS: {
        if (jin_check_array(f, zWho, v, "对象数组", e)) return -1;
        size_t k;
        json_t *item;
        json_array_foreach(v, k, item) {
          if (!json_is_object(item)) return err_field(e, f->zName, "%s的每一项必须是对象", zWho);
        }
        break;
      }
      case JIN_STRINGS: {
        if (jin_check_array(f, zWho, v, "字符串数组", e)) return -1;
        size_t k;
        json_t *item;
        json_array_foreach(v, k, item) {
          if (!json_is_string(item)) return err_field(e, f->zName, "%s的每一项必须是字符串", zWho);
          if (jin_check_string(f->zName, zWho, item, 0, 1, 64, e)) return -1;
        }
        break;
      }
    }
  }
  return 0;
}

const char *jin_str(const json_t *obj, const char *zName) {
  return json_string_value(json_object_get(obj, zName));
}

int64_t jin_int(const json_t *obj, const char *zName, int64_t dflt) {
  json_t *v = json_object_get(obj, zName);
  return json_is_integer(v) ? json_integer_value(v) : dflt;
}

int jin_has(const json_t *obj, const char *zName) {
  json_t *v = json_object_get(obj, zName);
  return v && !json_is_null(v);
}
