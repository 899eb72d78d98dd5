/* Known-answer check of src/analyze/internal/stemmer_english_only.c against
 * the libstemmer.a it is linked with (cmake/TahqiqStaticLibs.cmake): the
 * arguments are pairs of a word and its English stem; exit code 0 when
 * every stem matches and other algorithms are refused. */
#include <libstemmer.h>
#include <string.h>

int main(int argc, char** argv) {
  struct sb_stemmer* s = sb_stemmer_new("english", "UTF_8");
  if (s == NULL || sb_stemmer_new("arabic", "UTF_8") != NULL || argc < 3) return 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const size_t n = strlen(argv[i + 1]);
    const sb_symbol* out = sb_stemmer_stem(s, (const sb_symbol*)argv[i], (int)strlen(argv[i]));
    if (out == NULL || (size_t)sb_stemmer_length(s) != n || memcmp(out, argv[i + 1], n) != 0) {
      return 2;
    }
  }
  sb_stemmer_delete(s);
  return 0;
}
