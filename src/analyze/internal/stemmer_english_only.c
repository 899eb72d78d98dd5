/* The libstemmer API (sb_stemmer_*) for the one stemmer tahqiq uses,
 * Snowball's English stemmer over UTF-8, for executables linked with the
 * static libstemmer.a (cmake/TahqiqStaticLibs.cmake).
 *
 * Why: libstemmer's sb_stemmer_new looks algorithms up in a table of every
 * stemmer, so linking it pulls all 30 languages in; their tables of string
 * pointers were 330 KB of the 456 KB that the dynamic loader relocates (and
 * so copies page by page) at every start of `tahqiq`. Defining the API here
 * keeps the archive's member with that table out of the link: only the
 * English stemmer and Snowball's runtime are taken from the archive.
 *
 * This uses two facts of Snowball's C runtime that libstemmer.h does not
 * declare: each generated stemmer X_UTF_8 has X_UTF_8_create_env,
 * X_UTF_8_close_env and X_UTF_8_stem, and the environment starts with the
 * current string and two ints, cursor and length. The configure step runs
 * a known-answer check of this file against the archive and links the
 * whole archive instead when it fails. Other names than "english" return
 * NULL, as libstemmer does for an unknown algorithm. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

struct SN_env {
  sb_symbol* p; /* Current string (the stem after stemming). */
  int c;        /* Cursor. */
  int l;        /* Length of the current string. */
};

struct SN_env* english_UTF_8_create_env(void);
void english_UTF_8_close_env(struct SN_env* z);
int english_UTF_8_stem(struct SN_env* z);
int SN_set_current(struct SN_env* z, int size, const sb_symbol* s);

struct sb_stemmer {
  struct SN_env* env;
};

const char** sb_stemmer_list(void) {
  static const char* names[] = {"english", NULL};
  return names;
}

struct sb_stemmer* sb_stemmer_new(const char* algorithm, const char* charenc) {
  if (algorithm == NULL || strcmp(algorithm, "english") != 0) return NULL;
  if (charenc != NULL && strcmp(charenc, "UTF_8") != 0) return NULL;
  struct sb_stemmer* s = malloc(sizeof *s);
  if (s == NULL) return NULL;
  s->env = english_UTF_8_create_env();
  if (s->env == NULL) {
    free(s);
    return NULL;
  }
  return s;
}

void sb_stemmer_delete(struct sb_stemmer* s) {
  if (s == NULL) return;
  english_UTF_8_close_env(s->env);
  free(s);
}

const sb_symbol* sb_stemmer_stem(struct sb_stemmer* s, const sb_symbol* word, int size) {
  if (SN_set_current(s->env, size, word) != 0) {
    s->env->l = 0;
    return NULL;
  }
  if (english_UTF_8_stem(s->env) < 0) return NULL;
  s->env->p[s->env->l] = 0; /* The buffer has room for it, as libstemmer relies on. */
  return s->env->p;
}

int sb_stemmer_length(struct sb_stemmer* s) { return s->env->l; }
