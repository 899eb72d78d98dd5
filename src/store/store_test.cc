#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

#include "base/file_util.h"
#include "base/sha256.h"
#include "store/blob_store.h"

namespace tahqiq::store {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/tahqiq-store-XXXXXX";
  return ::mkdtemp(tmpl);
}

TEST(SqliteStoreTest, DocumentsProvenanceAndOutbox) {
  std::string dir = TempDir();
  auto store = OpenSqliteStore(dir + "/case.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  auto run = s.BeginRun("test");
  ASSERT_TRUE(run.ok());

  ASSERT_TRUE(s.Begin().ok());
  DocumentRecord d;
  d.sha256 = Sha256::HexOf("hello");
  d.size = 5;
  d.type = "text";
  d.lang = "en";
  d.fields = {{"subject", "greeting"}};
  ASSERT_TRUE(s.AddDocument(&d).ok());
  EXPECT_GT(d.id, 0);
  ASSERT_TRUE(s.AddChunk(d.id, 0, "hello").ok());
  Provenance p{"/a/hello.txt", 0, "", 5, 100, *run};
  EXPECT_TRUE(*s.AddProvenance(d.id, p));
  EXPECT_FALSE(*s.AddProvenance(d.id, p));  // Same path again: no new record.
  p.path = "/b/copy.txt";
  EXPECT_TRUE(*s.AddProvenance(d.id, p));  // Same content, second path.
  ASSERT_TRUE(s.Commit().ok());

  DocumentRecord dup;
  dup.sha256 = d.sha256;
  ASSERT_TRUE(s.Begin().ok());
  EXPECT_FALSE(s.AddDocument(&dup).ok());  // One document per content hash.
  ASSERT_TRUE(s.Rollback().ok());

  auto found = s.FindBySha(d.sha256);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(**found, d.id);
  auto got = s.GetDocument(d.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->provenance.size(), 2u);
  EXPECT_EQ(got->doc.fields.size(), 1u);
  // Search results read everything but the fields.
  auto row = s.GetDocumentWithoutFields(d.id);
  ASSERT_TRUE(row.ok());
  EXPECT_TRUE(row->doc.fields.empty());
  EXPECT_EQ(row->doc.sha256, d.sha256);
  EXPECT_EQ(row->doc.type, "text");
  EXPECT_EQ(row->provenance.size(), 2u);
  EXPECT_EQ(row->provenance[1].path, "/b/copy.txt");
  EXPECT_EQ(row->collections, got->collections);
  EXPECT_EQ(s.GetDocumentWithoutFields(d.id + 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*s.ReadChunk(d.id, 0), "hello");
  EXPECT_EQ(*s.LastOutboxSeq(), 1u);

  auto report = s.Report(10);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->documents, 1u);
  EXPECT_EQ(report->files, 2u);
}

// Runs SQL on a case database behind the store's back (to make an old case).
void RawSql(const std::string& db_path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

TEST(SqliteStoreTest, ChunksOfOlderCasesStayReadable) {
  const std::string db = TempDir() + "/case.db";
  ASSERT_TRUE(OpenSqliteStore(db).ok());
  // A case of schema version 1: chunk texts in `chunks`, no chunk_text.
  RawSql(db,
         "DROP TABLE chunk_text; UPDATE meta SET value='1' WHERE key='schema_version';"
         "INSERT INTO chunks(doc_id, seq, text) VALUES(7, 1, 'second'), (7, 0, 'first');");
  {
    // A reader brings it up to date through one writing open, then reads
    // the old chunks where they are.
    auto r = OpenSqliteStoreForReading(db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*(*r)->ReadChunk(7, 0), "first");
    EXPECT_EQ(*(*r)->ReadChunk(7, 1), "second");
    EXPECT_EQ(*(*r)->ReadChunk(7, 2), "");
    // WithChunk sees what ReadChunk returns, from either table.
    auto seen = [&](Store& st, int64_t doc, uint32_t seq) {
      std::string out = "unset";
      EXPECT_TRUE(st.WithChunk(doc, seq, [&](std::string_view t) { out = t; }).ok());
      return out;
    };
    EXPECT_EQ(seen(**r, 7, 1), "second");
    EXPECT_EQ(seen(**r, 7, 2), "");
    std::vector<std::string> all;
    ASSERT_TRUE((*r)->ReadChunks(7,
                                 [&](const TextChunk& c) {
                                   all.push_back(std::to_string(c.seq) + ":" + c.text);
                                   return Status::Ok();
                                 })
                    .ok());
    EXPECT_EQ(all, (std::vector<std::string>{"0:first", "1:second"}));
    auto v = (*r)->GetMeta("schema_version");
    ASSERT_TRUE(v.ok() && v->has_value());
    EXPECT_EQ(**v, "2");
  }
  auto w = OpenSqliteStore(db);
  ASSERT_TRUE(w.ok());
  Store& s = **w;
  ASSERT_TRUE(s.Begin().ok());
  // New chunks go to chunk_text, next to documents 7 and 9 (keys must not mix).
  ASSERT_TRUE(s.AddChunk(8, 2, "eight-2").ok());
  ASSERT_TRUE(s.AddChunk(8, 0, "eight-0").ok());
  ASSERT_TRUE(s.AddChunk(9, 0, "nine").ok());
  EXPECT_EQ(s.AddChunk(8, 1u << 20, "too far").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(s.DeleteChunks(7).ok());
  ASSERT_TRUE(s.Commit().ok());
  EXPECT_EQ(*s.ReadChunk(7, 0), "");
  EXPECT_EQ(*s.ReadChunk(8, 0), "eight-0");
  EXPECT_EQ(*s.ReadChunk(8, 2), "eight-2");
  EXPECT_EQ(*s.ReadChunk(9, 0), "nine");
  std::string nine;
  ASSERT_TRUE(s.WithChunk(9, 0, [&](std::string_view t) { nine = t; }).ok());
  EXPECT_EQ(nine, "nine");
  std::vector<std::string> eight;
  ASSERT_TRUE(s.ReadChunks(8, [&](const TextChunk& c) {
                 eight.push_back(std::to_string(c.seq) + ":" + c.text);
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(eight, (std::vector<std::string>{"0:eight-0", "2:eight-2"}));
  // A newer case is refused by this build rather than misread.
  w->reset();
  RawSql(db, "UPDATE meta SET value='3' WHERE key='schema_version'");
  EXPECT_EQ(OpenSqliteStoreForReading(db).status().code(), StatusCode::kUnsupported);
}

// A one-shot reader reads one snapshot: what a writer commits after its
// first read is not seen, and the writer is not held up by it. A long-lived
// reader sees each commit.
TEST(SqliteStoreTest, OneShotReaderKeepsOneSnapshot) {
  std::string db = TempDir() + "/case.db";
  auto w = OpenSqliteStore(db);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->SetMeta("probe", "before").ok());
  auto once = OpenSqliteStoreForReading(db, ReaderLife::kOneShot);
  ASSERT_TRUE(once.ok()) << once.status().ToString();
  auto live = OpenSqliteStoreForReading(db);
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  EXPECT_EQ(*(*once)->GetMeta("probe"), std::optional<std::string>("before"));
  EXPECT_EQ(*(*live)->GetMeta("probe"), std::optional<std::string>("before"));
  ASSERT_TRUE((*w)->SetMeta("probe", "after").ok());
  EXPECT_EQ(*(*once)->GetMeta("probe"), std::optional<std::string>("before"));
  EXPECT_EQ(*(*live)->GetMeta("probe"), std::optional<std::string>("after"));
  // Writing through the one-shot reader fails; closing it ends its snapshot.
  EXPECT_FALSE((*once)->SetMeta("probe", "reader").ok());
  once->reset();
  auto again = OpenSqliteStoreForReading(db, ReaderLife::kOneShot);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->GetMeta("probe"), std::optional<std::string>("after"));
}

TEST(BlobStoreTest, ContentAddressedAndReadOnly) {
  std::string dir = TempDir();
  auto blobs = BlobStore::Open(dir + "/blobs");
  ASSERT_TRUE(blobs.ok());
  ASSERT_TRUE(WriteFileAtomic(dir + "/src.txt", "evidence").ok());
  uint64_t size = 0;
  auto sha = HashFile(dir + "/src.txt", &size);
  ASSERT_TRUE(sha.ok());
  EXPECT_EQ(size, 8u);
  ASSERT_TRUE((*blobs)->PutFile(dir + "/src.txt", *sha, size).ok());
  ASSERT_TRUE((*blobs)->Has(*sha));
  EXPECT_EQ(*ReadFile((*blobs)->PathFor(*sha)), "evidence");
  struct stat st;
  ASSERT_EQ(::stat((*blobs)->PathFor(*sha).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0222, 0u);
  // A digest that does not match the content is refused.
  std::string wrong(64, 'a');
  EXPECT_EQ((*blobs)->PutFile(dir + "/src.txt", wrong, size).code(), StatusCode::kCorrupt);
  EXPECT_FALSE((*blobs)->Has(wrong));
}

// Two workers store the same content at once (two copies of one file):
// the one that finishes first goes on to extract from the blob while the
// other installs its own copy. The blob must exist throughout; it was
// unlinked before the second copy was renamed into place, and the first
// worker's extraction failed with "no such file" (the flaky
// CliTest.QuerySyntax: the English report recorded as failed).
TEST(BlobStoreTest, AStoredBlobNeverDisappearsWhileACopyIsInstalled) {
  std::string dir = TempDir();
  auto opened = BlobStore::Open(dir + "/blobs");
  ASSERT_TRUE(opened.ok());
  BlobStore& blobs = **opened;
  constexpr int kRounds = 300;
  std::vector<std::string> shas;
  for (int i = 0; i < kRounds; ++i) {
    const std::string content = "copy " + std::to_string(i);
    ASSERT_TRUE(WriteFileAtomic(dir + "/src" + std::to_string(i), content).ok());
    shas.push_back(Sha256::HexOf(content));
  }
  std::atomic<int> ready{0}, missing{0}, failed{0};
  auto worker = [&]() {
    for (int i = 0; i < kRounds; ++i) {
      // Both start the round together.
      ready.fetch_add(1);
      while (ready.load() < 2 * (i + 1)) std::this_thread::yield();
      const std::string src = dir + "/src" + std::to_string(i);
      if (!blobs.PutFile(src, shas[i], 5 + std::to_string(i).size(), false).ok()) failed++;
      // Like an extraction: open the blob while the other may be installing.
      for (int k = 0; k < 200; ++k) {
        if (!blobs.Has(shas[i])) missing++;
      }
    }
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(missing.load(), 0);
}

// ---- entities ----
TEST(SqliteStoreTest, EntityMentionsMergeByValueAndKeys) {
  std::string dir = TempDir();
  auto store = OpenSqliteStore(dir + "/case.db");
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  auto M = [](std::string kind, std::string text, std::string value, uint64_t start, uint64_t end,
              std::vector<std::string> keys) {
    Store::EntityMentionInput m;
    m.kind = std::move(kind);
    m.text = std::move(text);
    m.value = std::move(value);
    m.start = start;
    m.end = end;
    m.keys = std::move(keys);
    return m;
  };
  // Keys as analyze::NameKeys gives them for these spellings.
  ASSERT_TRUE(s.AddEntityMentions(1, {M("name", "Microsoft", "microsoft", 0, 9, {"MKRSFT"}),
                                      M("unit", "Unit 8200", "unit 8200", 20, 29, {})})
                  .ok());
  ASSERT_TRUE(s.AddEntityMentions(2, {M("org", "شركة مايكروسوفت", "مايكروسوفت", 5, 34, {"MKRSFT"}),
                                      M("unit", "יחידה 8200", "unit 8200", 40, 55, {}),
                                      M("name", "Unit", "unit", 60, 64, {"NT"})})
                  .ok());
  auto all = s.ListEntities("");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].kind, "org");  // Upgraded from name.
  EXPECT_EQ((*all)[0].name, "Microsoft");
  EXPECT_EQ((*all)[0].documents, 2u);
  EXPECT_EQ((*all)[0].aliases.size(), 2u);
  EXPECT_EQ((*all)[1].kind, "unit");  // Not merged with the name "unit": other class.
  EXPECT_EQ((*all)[1].documents, 2u);
  auto ids = s.FindEntities("", {"MKRSFT"});
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(ids->size(), 1u);
  auto docs = s.EntityDocuments(*ids);
  ASSERT_TRUE(docs.ok());
  EXPECT_EQ(*docs, (std::vector<int64_t>{1, 2}));
  // Two Latin spellings with one key are two names; an Arabic one joins.
  ASSERT_TRUE(s.AddEntityMentions(3, {M("name", "Notes", "notes", 0, 5, {"NTS"}),
                                      M("name", "Notice", "notice", 9, 15, {"NTS"}),
                                      M("name", "نوتس", "نوتس", 20, 28, {"NTS"})})
                  .ok());
  auto notes = s.FindEntities("notes", {});
  auto notice = s.FindEntities("notice", {});
  auto arabic = s.FindEntities("نوتس", {});
  ASSERT_TRUE(notes.ok() && notice.ok() && arabic.ok());
  EXPECT_NE(*notes, *notice);
  EXPECT_EQ(*arabic, *notes);
  ASSERT_TRUE(s.DeleteEntityMentions(1).ok());
  docs = s.EntityDocuments(*ids);
  EXPECT_EQ(*docs, (std::vector<int64_t>{2}));

  ASSERT_TRUE(s.AddWatchedName({0, "Microsoft", {"مايكروسوفت", "מיקרוסופט"}}).ok());
  ASSERT_TRUE(s.AddWatchedName({0, "Microsoft", {"MSFT"}}).ok());  // Replaces aliases.
  auto w = s.ListWatchedNames();
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(w->size(), 1u);
  EXPECT_EQ((*w)[0].aliases, (std::vector<std::string>{"MSFT"}));
}
// ---- end entities ----

TEST(SqliteStoreTest, CollectionMembership) {
  std::string dir = TempDir();
  auto store = OpenSqliteStore(dir + "/case.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  auto run = s.BeginRun("test");
  ASSERT_TRUE(run.ok());
  // A container with an attachment, made before anything named a
  // collection, and a document ingested into "c".
  std::vector<int64_t> ids;
  for (const char* text : {"mail", "attachment", "memo"}) {
    DocumentRecord d;
    d.sha256 = Sha256::HexOf(text);
    d.type = text;
    d.lang = "en";
    d.fields = {{"date", "2001-05-04T14:05:44-04:00"}};
    ASSERT_TRUE(s.AddDocument(&d).ok());
    ids.push_back(d.id);
  }
  ASSERT_TRUE(*s.AddProvenance(ids[0], Provenance{"/m.eml", 0, "", 4, 0, *run}));
  ASSERT_TRUE(*s.AddProvenance(ids[1], Provenance{"/m.eml", ids[0], "a.txt", 4, 0, *run}));
  EXPECT_EQ(s.GetDocument(ids[0])->collections, std::vector<std::string>{"default"});
  auto added = s.AddToCollection(ids[2], "c", false);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, std::vector<int64_t>{ids[2]});
  EXPECT_EQ(s.GetDocument(ids[2])->collections, std::vector<std::string>{"c"});
  // Ingested again into "b": the container and its attachment are in both.
  added = s.AddToCollection(ids[0], "b", true);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->size(), 2u);
  const std::vector<std::string> both{"b", "default"};
  EXPECT_EQ(s.GetDocument(ids[0])->collections, both);
  EXPECT_EQ(s.GetDocument(ids[1])->collections, both);
  EXPECT_TRUE(s.AddToCollection(ids[0], "b", true)->empty());  // Nothing changes twice.
  auto facets = s.DocumentFacets(ids);
  ASSERT_TRUE(facets.ok());
  const std::vector<std::pair<std::string, uint64_t>> coll{{"b", 2}, {"default", 2}, {"c", 1}};
  EXPECT_EQ(facets->collection, coll);
  const std::vector<std::pair<std::string, uint64_t>> year{{"2001", 3}};
  EXPECT_EQ(facets->year, year);
  EXPECT_EQ(s.DocumentsOfYear("2001")->size(), 3u);
  EXPECT_TRUE(s.DocumentsOfYear("2002")->empty());
}

// A reader restricted to some collections: their documents come from the
// membership rows (and, for the default collection, documents from before
// collections), and entities are counted, named and aliased from those
// documents' mentions only, exactly as a filter over every mention did.
TEST(SqliteStoreTest, DocumentsAndEntitiesOfSomeCollections) {
  std::string dir = TempDir();
  auto store = OpenSqliteStore(dir + "/case.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  std::vector<int64_t> ids;
  for (const char* text : {"old", "alpha-1", "gamma-1", "alpha-2", "both"}) {
    DocumentRecord d;
    d.sha256 = Sha256::HexOf(text);
    d.type = "text";
    ASSERT_TRUE(s.AddDocument(&d).ok());
    ids.push_back(d.id);
  }
  // Before any collection: every document is in the default one.
  EXPECT_EQ(*s.CollectionDocuments({"default"}), ids);
  EXPECT_TRUE(s.CollectionDocuments({"alpha"})->empty());
  ASSERT_TRUE(s.AddToCollection(ids[1], "alpha", false).ok());
  ASSERT_TRUE(s.AddToCollection(ids[2], "gamma", false).ok());
  ASSERT_TRUE(s.AddToCollection(ids[3], "alpha", false).ok());
  ASSERT_TRUE(s.AddToCollection(ids[4], "gamma", false).ok());
  ASSERT_TRUE(s.AddToCollection(ids[4], "alpha", true).ok());  // Also keeps "gamma".
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(*s.CollectionDocuments({"alpha"}), (Ids{ids[1], ids[3], ids[4]}));
  EXPECT_EQ(*s.CollectionDocuments({"gamma", "alpha"}), (Ids{ids[1], ids[2], ids[3], ids[4]}));
  EXPECT_EQ(*s.CollectionDocuments({"default"}), Ids{ids[0]});  // No membership row.
  EXPECT_TRUE(s.CollectionDocuments({"nobody"})->empty());

  auto M = [](std::string kind, std::string text, std::string value, uint64_t start) {
    Store::EntityMentionInput m;
    m.kind = std::move(kind);
    m.text = std::move(text);
    m.value = std::move(value);
    m.start = start;
    m.end = start + m.text.size();
    return m;
  };
  // gamma spells the address first and most; alpha has its own spelling.
  ASSERT_TRUE(s.AddEntityMentions(ids[2], {M("email", "Q@X.ORG", "q@x.org", 0),
                                           M("email", "Q@X.ORG", "q@x.org", 30),
                                           M("phone", "+1 555 0100", "+15550100", 50)})
                  .ok());
  ASSERT_TRUE(s.AddEntityMentions(ids[3], {M("email", "q@x.org", "q@x.org", 10),
                                           M("email", "mail: q@x.org", "mail: q@x.org", 40)})
                  .ok());
  ASSERT_TRUE(s.AddEntityMentions(ids[1], {M("url", "x.org/a", "x.org/a", 0)}).ok());
  ASSERT_TRUE(s.AddEntityMentions(ids[4], {M("url", "x.org/a", "x.org/a", 5),
                                           M("email", "q@x.org", "q@x.org", 20)})
                  .ok());
  auto alpha = s.ListEntitiesIn(*s.CollectionDocuments({"alpha"}), "");
  ASSERT_TRUE(alpha.ok()) << alpha.status().ToString();
  ASSERT_EQ(alpha->size(), 3u);  // No phone: only gamma's document has it.
  // Two documents and two mentions each: the older entity first.
  EXPECT_EQ((*alpha)[0].kind, "email");
  EXPECT_EQ((*alpha)[0].name, "q@x.org");  // Not gamma's "Q@X.ORG".
  EXPECT_EQ((*alpha)[0].documents, 2u);
  EXPECT_EQ((*alpha)[0].mentions, 2u);
  EXPECT_EQ((*alpha)[0].aliases, std::vector<std::string>{"q@x.org"});
  EXPECT_EQ((*alpha)[1].kind, "url");
  EXPECT_EQ((*alpha)[1].documents, 2u);
  EXPECT_EQ((*alpha)[1].mentions, 2u);
  EXPECT_EQ((*alpha)[2].name, "mail: q@x.org");
  auto emails = s.ListEntitiesIn(*s.CollectionDocuments({"alpha"}), "email");
  ASSERT_TRUE(emails.ok());
  ASSERT_EQ(emails->size(), 2u);
  // Over every document, the same counts as ListEntities.
  auto all = s.ListEntities("");
  auto every = s.ListEntitiesIn(ids, "");
  ASSERT_TRUE(all.ok() && every.ok());
  ASSERT_EQ(all->size(), every->size());
  for (size_t i = 0; i < all->size(); ++i) {
    EXPECT_EQ((*all)[i].id, (*every)[i].id);
    EXPECT_EQ((*all)[i].documents, (*every)[i].documents);
    EXPECT_EQ((*all)[i].mentions, (*every)[i].mentions);
    EXPECT_EQ((*all)[i].aliases, (*every)[i].aliases);
  }
  // The first mention within some documents (given in any order), by
  // document id then offset: gamma's spelling only where gamma's document is.
  const int64_t email = (*alpha)[0].id;
  EXPECT_EQ(*s.FirstMentionIn(email, {ids[4], ids[3]}), "q@x.org");
  EXPECT_EQ(*s.FirstMentionIn(email, {ids[4], ids[2]}), "Q@X.ORG");
  EXPECT_EQ(*s.FirstMentionIn(email, {ids[0], ids[1]}), "");
}

}  // namespace
}  // namespace tahqiq::store
