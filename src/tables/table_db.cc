#include "tables/table_db.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "base/civil.h"

namespace tahqiq::tables {
namespace {

using Clock = std::chrono::steady_clock;

// Rows read to infer a layout before loading starts.
constexpr size_t kSampleRows = 500;
// SQLite's default column limit is 2000; wider sheets keep their first ones.
constexpr size_t kMaxColumns = 1000;
// Memory a user query may use (sorting, grouping) before it is stopped.
constexpr int64_t kQueryHeapLimit = 2ll << 30;

std::string Quote(const std::string& id) {
  std::string q = "\"";
  for (char c : id) {
    q += c;
    if (c == '"') q += '"';
  }
  return q + "\"";
}

class Stmt {
 public:
  Stmt() = default;
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }

  Status Prepare(sqlite3* db, const std::string& sql) {
    sqlite3_finalize(s_);
    s_ = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &s_, &tail) !=
        SQLITE_OK) {
      return Status::InvalidArgument(std::string(sqlite3_errmsg(db)));
    }
    if (tail && std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      return Status::InvalidArgument("one expression only: \"" + std::string(tail) +
                                     "\" was not expected");
    }
    return Status::Ok();
  }
  sqlite3_stmt* get() { return s_; }
  void Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Bind(int i, const Value& v) {
    switch (v.kind) {
      case Value::kNull:
        sqlite3_bind_null(s_, i);
        break;
      case Value::kInteger:
        sqlite3_bind_int64(s_, i, v.integer);
        break;
      case Value::kReal:
        sqlite3_bind_double(s_, i, v.real);
        break;
      case Value::kText:
        sqlite3_bind_text(s_, i, v.text.data(), static_cast<int>(v.text.size()), SQLITE_STATIC);
        break;
    }
  }
  std::string Text(int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  int64_t Int(int i) { return sqlite3_column_int64(s_, i); }
  double Real(int i) { return sqlite3_column_double(s_, i); }
  Value Get(int i) {
    Value v;
    switch (sqlite3_column_type(s_, i)) {
      case SQLITE_INTEGER:
        v.kind = Value::kInteger;
        v.integer = Int(i);
        break;
      case SQLITE_FLOAT:
        v.kind = Value::kReal;
        v.real = Real(i);
        break;
      case SQLITE_NULL:
        break;
      default:
        v.kind = Value::kText;
        v.text = Text(i);
    }
    return v;
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// Functions a user expression may call: aggregates, arithmetic, text and
// date functions. Nothing that reads files, loads code or has side effects.
bool AllowedFunction(const char* name) {
  static const std::set<std::string> kAllowed = {
      "abs",     "avg",     "coalesce",    "count",      "date",   "datetime",   "group_concat",
      "ifnull",  "iif",     "instr",       "julianday",  "length", "like",       "glob",
      "lower",   "ltrim",   "max",         "min",        "nullif", "printf",     "format",
      "replace", "round",   "rtrim",       "strftime",   "substr", "substring",  "sum",
      "time",    "total",   "trim",        "typeof",     "upper",  "unixepoch",  "sign",
      "ceil",    "ceiling", "floor",       "trunc",      "sqrt",   "pow",        "power",
      "ln",      "log",     "log10",       "exp",        "mod",    "char",       "unicode",
      "hex",     "quote",   "regexp",      "row_number", "rank",   "dense_rank", "ntile",
      "lag",     "lead",    "first_value", "last_value", "cast"};
  if (name == nullptr) return false;
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  return kAllowed.count(n) > 0;
}

int Authorize(void*, int action, const char*, const char* arg2, const char*, const char*) {
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      return AllowedFunction(arg2) ? SQLITE_OK : SQLITE_DENY;
    default:
      return SQLITE_DENY;
  }
}

struct Deadline {
  Clock::time_point at;
  bool hit = false;
};

int CheckDeadline(void* p) {
  auto* d = static_cast<Deadline*>(p);
  if (Clock::now() < d->at) return 0;
  d->hit = true;
  return 1;
}

// SQL for the bucket label of an ISO date/time column.
Result<std::string> BucketExpr(const std::string& bucket, const std::string& col) {
  const std::string c = Quote(col);
  if (bucket == "day") return "substr(" + c + ",1,10)";
  if (bucket == "week") return "date(substr(" + c + ",1,10),'weekday 0','-6 days')";
  if (bucket == "month") return "substr(" + c + ",1,7)";
  if (bucket == "quarter") {
    return "substr(" + c + ",1,4)||'-Q'||((CAST(substr(" + c + ",6,2) AS INTEGER)+2)/3)";
  }
  if (bucket == "year") return "substr(" + c + ",1,4)";
  return Status::InvalidArgument("unknown bucket \"" + bucket +
                                 "\" (day, week, month, quarter or year)");
}

// ---- calendar arithmetic for periods and buckets --------------------------

bool ParseIsoDay(const std::string& s, int64_t* days) {
  int y;
  unsigned m, d;
  if (std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

// Labels of every bucket that starts in [start, end), as BucketExpr names them.
std::vector<std::string> BucketLabels(const std::string& bucket, const Period& p) {
  std::vector<std::string> out;
  int64_t day, end;
  if (!ParseIsoDay(p.start, &day) || !ParseIsoDay(p.end, &end)) return out;
  std::string last;
  for (; day < end && out.size() < 100000; ++day) {
    std::string label = IsoDate(day);
    if (bucket == "month") label = label.substr(0, 7);
    if (bucket == "year") label = label.substr(0, 4);
    if (bucket == "quarter") {
      const int month = std::stoi(label.substr(5, 2));
      label = label.substr(0, 4) + "-Q" + std::to_string((month + 2) / 3);
    }
    if (bucket == "week") {
      // Monday of the week; 1970-01-01 was a Thursday.
      const int64_t weekday = ((day % 7) + 7 + 3) % 7;  // 0 = Monday.
      label = IsoDate(day - weekday);
    }
    if (label != last) out.push_back(label);
    last = label;
  }
  return out;
}

std::string TableFileBase(std::string name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  return name;
}

}  // namespace

// ---------------------------------------------------------------- Period

Result<Period> ParsePeriod(const std::string& text) {
  Period p;
  p.text = text;
  const size_t dots = text.find("..");
  const std::string from = dots == std::string::npos ? text : text.substr(0, dots);
  const std::string to = dots == std::string::npos ? text : text.substr(dots + 2);
  auto bound = [&](const std::string& s, bool start, std::string* out) -> Status {
    int y = 0;
    unsigned m = 0, d = 0;
    char extra;
    const Status bad = Status::InvalidArgument(
        "bad period \"" + text + "\": use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-10..2024-03");
    if (std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &extra) == 3) {
      if (m < 1 || m > 12 || d < 1 || d > 31) return bad;
      const int64_t days = DaysFromCivil(y, m, d);
      *out = IsoDate(start ? days : days + 1);
    } else if (std::sscanf(s.c_str(), "%4d-%2u%c", &y, &m, &extra) == 2) {
      if (m < 1 || m > 12) return bad;
      if (!start) {
        if (++m > 12) {
          m = 1;
          ++y;
        }
      }
      *out = IsoDate(DaysFromCivil(y, m, 1));
    } else if (std::sscanf(s.c_str(), "%4d%c", &y, &extra) == 1 && s.size() == 4) {
      *out = IsoDate(DaysFromCivil(start ? y : y + 1, 1, 1));
    } else {
      return bad;
    }
    return Status::Ok();
  };
  TAHQIQ_RETURN_IF_ERROR(bound(from, true, &p.start));
  TAHQIQ_RETURN_IF_ERROR(bound(to, false, &p.end));
  if (p.end <= p.start) {
    return Status::InvalidArgument("bad period \"" + text + "\": it ends before it starts");
  }
  return p;
}

std::string TableNameFor(const std::string& file_name, const std::string& sheet) {
  std::string base = IdentifierFrom(TableFileBase(file_name), "table");
  // Dates, numbers, quarters and months at the end name the export, not the
  // report: "usage-2023-10", "invoices_q1", "billing_oct".
  auto period_word = [](const std::string& w) {
    static const std::set<std::string> kWords = {
        "jan",   "feb",  "mar",  "apr",    "may",       "jun",     "jul",      "aug",
        "sep",   "sept", "oct",  "nov",    "dec",       "january", "february", "march",
        "april", "june", "july", "august", "september", "october", "november", "december",
        "q1",    "q2",   "q3",   "q4",     "h1",        "h2"};
    if (w.empty() || kWords.count(w)) return true;
    return w.find_first_not_of("0123456789") == std::string::npos;
  };
  for (;;) {
    const size_t cut = base.rfind('_');
    const std::string last = cut == std::string::npos ? base : base.substr(cut + 1);
    if (cut == std::string::npos || !period_word(last)) {
      // A trailing number glued to a word: "report2023" -> "report".
      while (base.size() > 1 && base.back() >= '0' && base.back() <= '9') base.pop_back();
      break;
    }
    base.resize(cut);
  }
  if (base.empty() || base == "c") base = "table";
  std::string s = IdentifierFrom(sheet, "");
  bool default_sheet = s.empty();
  for (const char* d : {"sheet", "ورقة", "גיליון", "feuil", "tabelle", "hoja", "table"}) {
    const std::string_view dv(d);
    if (s.rfind(dv, 0) == 0 && s.find_first_not_of("0123456789_", dv.size()) == std::string::npos) {
      default_sheet = true;
    }
  }
  // A sheet named like its file ("report.xlsx", sheet "report") adds nothing.
  if (!default_sheet && s != base && s != IdentifierFrom(TableFileBase(file_name), "")) {
    base += "_" + s;
  }
  if (base[0] == '_') base = "t" + base;
  return base;
}

void AppendCsvField(const Value& v, std::string* out) {
  switch (v.kind) {
    case Value::kNull:
      return;
    case Value::kInteger:
      *out += std::to_string(v.integer);
      return;
    case Value::kReal: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.15g", v.real);
      *out += buf;
      return;
    }
    case Value::kText:
      break;
  }
  std::string t = v.text;
  if (!t.empty() &&
      (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r')) {
    ParsedNumber n;
    if (!ParseNumber(t, '.', &n)) t = "'" + t;
  }
  if (t.find_first_of(",\"\n\r") == std::string::npos) {
    *out += t;
    return;
  }
  *out += '"';
  for (char c : t) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

// ---------------------------------------------------------------- TableDb

struct TableDb::Impl {
  std::string path;
  sqlite3* db = nullptr;    // Trusted statements (ours only).
  sqlite3* user = nullptr;  // Statements with user expressions: read-only, authorized.
  bool writable = false;
  Deadline deadline;

  ~Impl() {
    sqlite3_close_v2(user);
    sqlite3_close_v2(db);
  }

  Status Error(sqlite3* h, const std::string& what) {
    return Status::IOError(what + ": " + sqlite3_errmsg(h) + " (" + path + ")");
  }

  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "error";
      sqlite3_free(err);
      return Status::IOError("tables: " + m + " (" + path + ")");
    }
    return Status::Ok();
  }

  Status Step(Stmt& s, const std::string& what) {
    const int rc = sqlite3_step(s.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error(db, what);
    return Status::Ok();
  }

  Status OpenUser() {
    if (user) return Status::Ok();
    if (sqlite3_open_v2(path.c_str(), &user, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      return Error(user, "tables: cannot open for queries");
    }
    sqlite3_busy_timeout(user, 10000);
    sqlite3_limit(user, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(user, SQLITE_LIMIT_LENGTH, 64 << 20);
    sqlite3_limit(user, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
    // Sorting and grouping spill to temporary files, so memory stays bounded.
    sqlite3_exec(user, "PRAGMA query_only=1; PRAGMA temp_store=FILE", nullptr, nullptr, nullptr);
    sqlite3_set_authorizer(user, Authorize, nullptr);
    sqlite3_progress_handler(user, 10000, CheckDeadline, &deadline);
    sqlite3_hard_heap_limit64(kQueryHeapLimit);
    return Status::Ok();
  }

  // Prepares a statement containing user expressions.
  Status PrepareUser(Stmt* s, const std::string& sql, int timeout_ms) {
    TAHQIQ_RETURN_IF_ERROR(OpenUser());
    deadline.at = Clock::now() + std::chrono::milliseconds(timeout_ms > 0 ? timeout_ms : 30000);
    deadline.hit = false;
    Status st = s->Prepare(user, sql);
    if (!st.ok()) {
      std::string m = st.message();
      if (m.find("not authorized") != std::string::npos ||
          m.find("prohibited") != std::string::npos) {
        m += " (queries may only read this case's tables and call pure functions)";
      }
      return Status::InvalidArgument("query: " + m);
    }
    return Status::Ok();
  }

  // Steps a user statement; kCancelled when the deadline cut it off.
  Result<bool> StepUser(Stmt& s, int timeout_ms) {
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (rc == SQLITE_INTERRUPT && deadline.hit) {
      return Status::Cancelled("query: stopped after " + std::to_string(timeout_ms / 1000) +
                               " s (--timeout to allow longer)");
    }
    if (rc == SQLITE_NOMEM) return Status::ResourceExhausted("query: needs too much memory");
    return Status::InvalidArgument(std::string("query: ") + sqlite3_errmsg(user));
  }

  Status Schema() {
    TAHQIQ_RETURN_IF_ERROR(
        Exec("CREATE TABLE IF NOT EXISTS _tables("
             "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, signature TEXT NOT NULL UNIQUE,"
             "  rows INTEGER NOT NULL DEFAULT 0);"
             "CREATE TABLE IF NOT EXISTS _columns("
             "  table_id INTEGER NOT NULL, pos INTEGER NOT NULL, name TEXT NOT NULL,"
             "  label TEXT NOT NULL, type TEXT NOT NULL, currency TEXT NOT NULL,"
             "  PRIMARY KEY(table_id, pos));"
             "CREATE TABLE IF NOT EXISTS _sources("
             "  id INTEGER PRIMARY KEY, table_id INTEGER NOT NULL, sha256 TEXT NOT NULL,"
             "  sheet_index INTEGER NOT NULL, path BLOB NOT NULL, member BLOB NOT NULL,"
             "  sheet TEXT NOT NULL, header_row INTEGER NOT NULL, rows INTEGER NOT NULL,"
             "  fallbacks INTEGER NOT NULL, UNIQUE(sha256, sheet_index));"));
    // Tables made before names were settled keep the names they have.
    {
      Stmt has;
      TAHQIQ_RETURN_IF_ERROR(
          has.Prepare(db, "SELECT count(*) FROM pragma_table_info('_tables') WHERE name='base'"));
      if (sqlite3_step(has.get()) == SQLITE_ROW && has.Int(0) > 0) return Status::Ok();
    }
    return Exec(
        "ALTER TABLE _tables ADD COLUMN base TEXT NOT NULL DEFAULT '';"
        "ALTER TABLE _tables ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;");
  }

  // Whether `name` is free for a new table (no table and no other schema
  // object of that name in any case).
  Result<bool> NameFree(const std::string& name) {
    Stmt s;
    TAHQIQ_RETURN_IF_ERROR(s.Prepare(db,
                                     "SELECT 1 FROM _tables WHERE name=?1 UNION ALL "
                                     "SELECT 1 FROM sqlite_master WHERE lower(name)=lower(?1)"));
    s.Bind(1, name);
    return sqlite3_step(s.get()) != SQLITE_ROW;
  }

  // Renames a table and, with `index`, makes its index again under the new
  // name (SQLite cannot rename one, and a later table of the old name needs
  // that index name); without, the table has none until it is renamed again.
  Status Rename(int64_t id, const std::string& from, const std::string& to, bool index) {
    TAHQIQ_RETURN_IF_ERROR(Exec("ALTER TABLE " + Quote(from) + " RENAME TO " + Quote(to)));
    TAHQIQ_RETURN_IF_ERROR(Exec("DROP INDEX IF EXISTS " + Quote(from + "__src")));
    if (index) {
      TAHQIQ_RETURN_IF_ERROR(
          Exec("CREATE INDEX " + Quote(to + "__src") + " ON " + Quote(to) + "(_src, _row)"));
    }
    Stmt u;
    TAHQIQ_RETURN_IF_ERROR(u.Prepare(db, "UPDATE _tables SET name=? WHERE id=?"));
    u.Bind(1, to);
    u.Bind(2, id);
    return Step(u, "tables: rename");
  }

  Result<int64_t> TableId(const std::string& name) {
    Stmt s;
    TAHQIQ_RETURN_IF_ERROR(s.Prepare(db, "SELECT id FROM _tables WHERE name=?"));
    s.Bind(1, name);
    if (sqlite3_step(s.get()) != SQLITE_ROW) {
      return Status::NotFound("no table \"" + name + "\" (tahqiq table list shows them)");
    }
    return s.Int(0);
  }

  Result<std::vector<ColumnInfo>> Columns(int64_t table_id) {
    Stmt s;
    TAHQIQ_RETURN_IF_ERROR(s.Prepare(
        db, "SELECT name, label, type, currency FROM _columns WHERE table_id=? ORDER BY pos"));
    s.Bind(1, table_id);
    std::vector<ColumnInfo> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      ColumnInfo c;
      c.name = s.Text(0);
      c.label = s.Text(1);
      TypeFromName(s.Text(2), &c.type);
      c.currency = s.Text(3);
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::map<int64_t, SourceInfo>> Sources(int64_t table_id) {
    Stmt s;
    TAHQIQ_RETURN_IF_ERROR(s.Prepare(
        db,
        "SELECT id, sha256, sheet_index, path, member, sheet, header_row, rows, fallbacks "
        "FROM _sources WHERE table_id=? ORDER BY id"));
    s.Bind(1, table_id);
    std::map<int64_t, SourceInfo> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      SourceInfo i;
      i.id = s.Int(0);
      i.source.sha256 = s.Text(1);
      i.source.sheet_index = static_cast<uint32_t>(s.Int(2));
      i.source.path = s.Text(3);
      i.source.member = s.Text(4);
      i.source.sheet = s.Text(5);
      i.header_row = static_cast<uint64_t>(s.Int(6));
      i.rows = static_cast<uint64_t>(s.Int(7));
      i.fallbacks = static_cast<uint64_t>(s.Int(8));
      out.emplace(i.id, std::move(i));
    }
    return out;
  }

  // Deletes the rows of source ids matching `where` (trusted SQL on _sources).
  Status RemoveSources(const std::string& where, const std::vector<std::string>& args) {
    Stmt find;
    TAHQIQ_RETURN_IF_ERROR(
        find.Prepare(db,
                     "SELECT s.id, s.table_id, t.name, s.rows FROM _sources s JOIN _tables t "
                     "ON t.id = s.table_id WHERE " +
                         where));
    for (size_t i = 0; i < args.size(); ++i) find.Bind(static_cast<int>(i + 1), args[i]);
    struct Old {
      int64_t id, table_id;
      std::string table;
      int64_t rows;
    };
    std::vector<Old> old;
    while (sqlite3_step(find.get()) == SQLITE_ROW) {
      old.push_back({find.Int(0), find.Int(1), find.Text(2), find.Int(3)});
    }
    sqlite3_reset(find.get());  // DROP TABLE fails while a statement is active.
    for (const Old& o : old) {
      TAHQIQ_RETURN_IF_ERROR(
          Exec("DELETE FROM " + Quote(o.table) + " WHERE _src=" + std::to_string(o.id)));
      TAHQIQ_RETURN_IF_ERROR(Exec("DELETE FROM _sources WHERE id=" + std::to_string(o.id)));
      TAHQIQ_RETURN_IF_ERROR(Exec("UPDATE _tables SET rows = rows - " + std::to_string(o.rows) +
                                  " WHERE id=" + std::to_string(o.table_id)));
      // A table none of whose sources is left goes too.
      Stmt left;
      TAHQIQ_RETURN_IF_ERROR(left.Prepare(db, "SELECT count(*) FROM _sources WHERE table_id=?"));
      left.Bind(1, o.table_id);
      const bool empty = sqlite3_step(left.get()) == SQLITE_ROW && left.Int(0) == 0;
      sqlite3_reset(left.get());
      if (empty) {
        TAHQIQ_RETURN_IF_ERROR(Exec("DROP TABLE IF EXISTS " + Quote(o.table)));
        TAHQIQ_RETURN_IF_ERROR(
            Exec("DELETE FROM _columns WHERE table_id=" + std::to_string(o.table_id)));
        TAHQIQ_RETURN_IF_ERROR(Exec("DELETE FROM _tables WHERE id=" + std::to_string(o.table_id)));
      }
    }
    return Status::Ok();
  }

  // The table for a layout: the one with the same column names, or a new one.
  Result<std::pair<int64_t, std::string>> TableFor(const Layout& layout,
                                                   const std::string& signature,
                                                   const std::string& wanted, bool* created) {
    *created = false;
    {
      Stmt s;
      TAHQIQ_RETURN_IF_ERROR(s.Prepare(db, "SELECT id, name FROM _tables WHERE signature=?"));
      s.Bind(1, signature);
      if (sqlite3_step(s.get()) == SQLITE_ROW) {
        const int64_t id = s.Int(0);
        std::string name = s.Text(1);
        // Widen column types to fit this source too.
        TAHQIQ_ASSIGN_OR_RETURN(std::vector<ColumnInfo> cols, Columns(id));
        for (size_t i = 0; i < cols.size() && i < layout.columns.size(); ++i) {
          const ColumnType t = WidenType(cols[i].type, layout.columns[i].type);
          std::string currency = cols[i].currency;
          if (currency != layout.columns[i].currency) currency.clear();
          Stmt u;
          TAHQIQ_RETURN_IF_ERROR(
              u.Prepare(db, "UPDATE _columns SET type=?, currency=? WHERE table_id=? AND pos=?"));
          u.Bind(1, std::string(TypeName(t)));
          u.Bind(2, currency);
          u.Bind(3, id);
          u.Bind(4, static_cast<int64_t>(i));
          TAHQIQ_RETURN_IF_ERROR(Step(u, "tables: update column"));
        }
        return std::make_pair(id, name);
      }
    }
    // A name for now: which of two new tables wanting one name loads first
    // is up to the workers, so SettleNames() decides it at the end.
    std::string name = wanted;
    for (int k = 2;; ++k) {
      TAHQIQ_ASSIGN_OR_RETURN(bool free, NameFree(name));
      if (free) break;
      name = wanted + "_" + std::to_string(k);
    }
    Stmt ins;
    TAHQIQ_RETURN_IF_ERROR(
        ins.Prepare(db, "INSERT INTO _tables(name, signature, base, settled) VALUES(?, ?, ?, 0)"));
    ins.Bind(1, name);
    ins.Bind(2, signature);
    ins.Bind(3, wanted);
    TAHQIQ_RETURN_IF_ERROR(Step(ins, "tables: add table"));
    const int64_t id = sqlite3_last_insert_rowid(db);
    std::string ddl =
        "CREATE TABLE " + Quote(name) + "(_src INTEGER NOT NULL, _row INTEGER NOT NULL";
    for (size_t i = 0; i < layout.columns.size(); ++i) {
      const ColumnSpec& c = layout.columns[i];
      ddl += ", " + Quote(c.name);
      Stmt col;
      TAHQIQ_RETURN_IF_ERROR(
          col.Prepare(db,
                      "INSERT INTO _columns(table_id, pos, name, label, type, currency) "
                      "VALUES(?,?,?,?,?,?)"));
      col.Bind(1, id);
      col.Bind(2, static_cast<int64_t>(i));
      col.Bind(3, c.name);
      col.Bind(4, c.label);
      col.Bind(5, std::string(TypeName(c.type)));
      col.Bind(6, c.currency);
      TAHQIQ_RETURN_IF_ERROR(Step(col, "tables: add column"));
    }
    TAHQIQ_RETURN_IF_ERROR(Exec(ddl + ")"));
    TAHQIQ_RETURN_IF_ERROR(
        Exec("CREATE INDEX " + Quote(name + "__src") + " ON " + Quote(name) + "(_src, _row)"));
    *created = true;
    return std::make_pair(id, name);
  }

  // The user columns of a table, quoted and comma-separated, with `prefix`.
  Result<std::string> ColumnList(const std::string& table, const std::string& prefix) {
    TAHQIQ_ASSIGN_OR_RETURN(int64_t id, TableId(table));
    TAHQIQ_ASSIGN_OR_RETURN(std::vector<ColumnInfo> cols, Columns(id));
    std::string out;
    for (const ColumnInfo& c : cols) {
      if (!out.empty()) out += ", ";
      out += prefix + Quote(c.name);
    }
    return out;
  }

  // Runs `sql` (user expressions inside, `binds` as parameters) and writes
  // its rows as CSV with provenance: the first column must be _src, the
  // second _row, and `extra` more columns come before the table's columns.
  Result<uint64_t> WriteEvidence(const std::string& table, const std::string& sql,
                                 const std::vector<std::string>& binds,
                                 const std::vector<std::string>& header, int timeout_ms,
                                 const std::string& csv_path) {
    TAHQIQ_ASSIGN_OR_RETURN(int64_t id, TableId(table));
    TAHQIQ_ASSIGN_OR_RETURN(auto sources, Sources(id));
    Stmt s;
    TAHQIQ_RETURN_IF_ERROR(PrepareUser(&s, sql, timeout_ms));
    for (size_t i = 0; i < binds.size(); ++i) s.Bind(static_cast<int>(i + 1), binds[i]);
    FILE* f = std::fopen(csv_path.c_str(), "w");
    if (!f) return Status::IOError("cannot write " + csv_path);
    std::string line;
    for (size_t i = 0; i < header.size(); ++i) {
      if (i) line += ',';
      Value v;
      v.kind = Value::kText;
      v.text = header[i];
      AppendCsvField(v, &line);
    }
    line += "\r\n";
    uint64_t n = 0;
    Status st;
    const int cols = sqlite3_column_count(s.get());
    for (;;) {
      auto more = StepUser(s, timeout_ms);
      if (!more.ok()) {
        st = more.status();
        break;
      }
      if (!*more) break;
      auto it = sources.find(s.Int(0));
      const SourceInfo* src = it == sources.end() ? nullptr : &it->second;
      auto text = [](const std::string& t) {
        Value v;
        v.kind = Value::kText;
        v.text = t;
        return v;
      };
      AppendCsvField(text(src ? src->source.path : ""), &line);
      line += ',';
      AppendCsvField(text(src ? src->source.member : ""), &line);
      line += ',';
      AppendCsvField(text(src ? src->source.sheet : ""), &line);
      line += ',';
      AppendCsvField(s.Get(1), &line);
      for (int c = 2; c < cols; ++c) {
        line += ',';
        AppendCsvField(s.Get(c), &line);
      }
      line += "\r\n";
      ++n;
      if (line.size() > (1 << 20)) {
        if (std::fwrite(line.data(), 1, line.size(), f) != line.size()) {
          st = Status::IOError("cannot write " + csv_path);
          break;
        }
        line.clear();
      }
    }
    if (st.ok() && std::fwrite(line.data(), 1, line.size(), f) != line.size()) {
      st = Status::IOError("cannot write " + csv_path);
    }
    if (std::fclose(f) != 0 && st.ok()) st = Status::IOError("cannot write " + csv_path);
    if (!st.ok()) return st;
    return n;
  }
};

TableDb::TableDb(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TableDb::~TableDb() = default;

Result<std::unique_ptr<TableDb>> TableDb::Open(const std::string& path, bool writable) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->writable = writable;
  struct stat st;
  if (!writable && ::stat(path.c_str(), &st) != 0) {
    return Status::NotFound("this case has no tables yet (CSV, TSV, XLSX or ODS files make them)");
  }
  const int flags = (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    return impl->Error(impl->db, "tables: cannot open");
  }
  sqlite3_busy_timeout(impl->db, 60000);
  if (writable) {
    // A load is one transaction of possibly millions of rows: a rollback
    // journal keeps that to one write of the data (WAL would write it twice).
    TAHQIQ_RETURN_IF_ERROR(
        impl->Exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;"
                   "PRAGMA cache_size=-65536;"));
    TAHQIQ_RETURN_IF_ERROR(impl->Schema());
  }
  return std::unique_ptr<TableDb>(new TableDb(std::move(impl)));
}

Result<LoadStats> TableDb::Load(const Source& source, const std::string& file_name,
                                const RowSource& rows) {
  Impl& m = *impl_;
  if (!m.writable) return Status::InvalidArgument("tables: opened read-only");
  std::vector<SampleRow> sample;
  bool more = true;
  while (sample.size() < kSampleRows) {
    SampleRow r;
    TAHQIQ_ASSIGN_OR_RETURN(more, rows(&r.row_number, &r.cells));
    if (!more) break;
    sample.push_back(std::move(r));
  }
  Layout layout = InferLayout(sample);
  if (layout.columns.size() > kMaxColumns) layout.columns.resize(kMaxColumns);
  LoadStats stats;
  if (layout.columns.empty()) return stats;  // Nothing but blank rows.

  std::string signature;
  if (layout.header_row > 0) {
    for (const ColumnSpec& c : layout.columns) signature += c.name + '\x1f';
  } else {
    signature = "#" + std::to_string(layout.columns.size());
    for (const ColumnSpec& c : layout.columns) signature += ":" + std::string(TypeName(c.type));
  }

  TAHQIQ_RETURN_IF_ERROR(m.Exec("BEGIN IMMEDIATE"));
  auto body = [&]() -> Status {
    TAHQIQ_RETURN_IF_ERROR(m.RemoveSources("s.sha256=? AND s.sheet_index=?",
                                           {source.sha256, std::to_string(source.sheet_index)}));
    TAHQIQ_ASSIGN_OR_RETURN(
        auto table,
        m.TableFor(layout, signature, TableNameFor(file_name, source.sheet), &stats.new_table));
    stats.table = table.second;
    Stmt src;
    TAHQIQ_RETURN_IF_ERROR(src.Prepare(
        m.db,
        "INSERT INTO _sources(table_id, sha256, sheet_index, path, member, sheet, header_row, "
        "rows, fallbacks) VALUES(?,?,?,?,?,?,?,0,0)"));
    src.Bind(1, table.first);
    src.Bind(2, source.sha256);
    src.Bind(3, static_cast<int64_t>(source.sheet_index));
    src.Bind(4, source.path);
    src.Bind(5, source.member);
    src.Bind(6, source.sheet);
    src.Bind(7, static_cast<int64_t>(layout.header_row));
    TAHQIQ_RETURN_IF_ERROR(m.Step(src, "tables: add source"));
    const int64_t src_id = sqlite3_last_insert_rowid(m.db);

    std::string sql = "INSERT INTO " + Quote(table.second) + " VALUES(?,?";
    for (size_t i = 0; i < layout.columns.size(); ++i) sql += ",?";
    Stmt ins;
    TAHQIQ_RETURN_IF_ERROR(ins.Prepare(m.db, sql + ")"));
    std::vector<Value> values(layout.columns.size());
    auto insert = [&](uint64_t row_number, const extract::Row& cells) -> Status {
      for (size_t i = 0; i < layout.columns.size(); ++i) {
        bool fallback = false;
        values[i] =
            i < cells.size() ? ConvertCell(cells[i], layout.columns[i], &fallback) : Value{};
        stats.fallbacks += fallback;
      }
      sqlite3_reset(ins.get());
      ins.Bind(1, src_id);
      ins.Bind(2, static_cast<int64_t>(row_number));
      for (size_t i = 0; i < values.size(); ++i) ins.Bind(static_cast<int>(i + 3), values[i]);
      if (sqlite3_step(ins.get()) != SQLITE_DONE) return m.Error(m.db, "tables: insert");
      ++stats.rows;
      return Status::Ok();
    };
    for (size_t r = layout.first_data; r < sample.size(); ++r) {
      TAHQIQ_RETURN_IF_ERROR(insert(sample[r].row_number, sample[r].cells));
    }
    sample.clear();
    uint64_t row_number = 0;
    extract::Row cells;
    while (more) {
      TAHQIQ_ASSIGN_OR_RETURN(more, rows(&row_number, &cells));
      if (more) TAHQIQ_RETURN_IF_ERROR(insert(row_number, cells));
    }
    Stmt upd;
    TAHQIQ_RETURN_IF_ERROR(upd.Prepare(m.db, "UPDATE _sources SET rows=?, fallbacks=? WHERE id=?"));
    upd.Bind(1, static_cast<int64_t>(stats.rows));
    upd.Bind(2, static_cast<int64_t>(stats.fallbacks));
    upd.Bind(3, src_id);
    TAHQIQ_RETURN_IF_ERROR(m.Step(upd, "tables: update source"));
    return m.Exec("UPDATE _tables SET rows = rows + " + std::to_string(stats.rows) +
                  " WHERE id=" + std::to_string(table.first));
  };
  Status st = body();
  if (!st.ok()) {
    (void)m.Exec("ROLLBACK");  // The error that got us here is the one to report.
    return st;
  }
  TAHQIQ_RETURN_IF_ERROR(m.Exec("COMMIT"));
  return stats;
}

Status TableDb::SettleNames() {
  Impl& m = *impl_;
  if (!m.writable) return Status::InvalidArgument("tables: opened read-only");
  TAHQIQ_RETURN_IF_ERROR(m.Exec("BEGIN IMMEDIATE"));
  auto body = [&]() -> Status {
    struct New {
      std::string key;  // The smallest content hash (and sheet) of its sources.
      std::string signature, name;
      int64_t id;
    };
    std::map<std::string, std::vector<New>> by_base;
    {
      Stmt s;
      TAHQIQ_RETURN_IF_ERROR(s.Prepare(
          m.db,
          "SELECT t.id, t.name, t.base, t.signature, (SELECT min(sha256 || ':' || "
          "printf('%010d', sheet_index)) FROM _sources WHERE table_id=t.id) FROM _tables t "
          "WHERE t.settled=0"));
      while (sqlite3_step(s.get()) == SQLITE_ROW) {
        by_base[s.Text(2)].push_back({s.Text(4), s.Text(3), s.Text(1), s.Int(0)});
      }
    }
    for (auto& [base, tables] : by_base) {
      // Content decides, not the order the workers loaded them in.
      std::sort(tables.begin(), tables.end(), [](const New& a, const New& b) {
        return a.key != b.key ? a.key < b.key : a.signature < b.signature;
      });
      std::vector<std::string> final_names;
      {
        // Names are taken in order from those not held by another table.
        std::set<std::string> own;
        for (const New& t : tables) own.insert(t.name);
        std::string name = base;
        for (int k = 2; final_names.size() < tables.size(); ++k) {
          TAHQIQ_ASSIGN_OR_RETURN(bool free, m.NameFree(name));
          if (free || own.count(name)) final_names.push_back(name);
          name = base + "_" + std::to_string(k);
        }
      }
      // Out of the way first, so that two tables can swap names.
      for (size_t i = 0; i < tables.size(); ++i) {
        if (tables[i].name == final_names[i]) continue;
        const std::string aside = "_settling_" + std::to_string(tables[i].id);
        TAHQIQ_RETURN_IF_ERROR(m.Rename(tables[i].id, tables[i].name, aside, false));
        tables[i].name = aside;
      }
      for (size_t i = 0; i < tables.size(); ++i) {
        if (tables[i].name == final_names[i]) continue;
        TAHQIQ_RETURN_IF_ERROR(m.Rename(tables[i].id, tables[i].name, final_names[i], true));
      }
    }
    return m.Exec("UPDATE _tables SET settled=1 WHERE settled=0");
  };
  Status st = body();
  if (!st.ok()) {
    (void)m.Exec("ROLLBACK");  // The error that got us here is the one to report.
    return st;
  }
  return m.Exec("COMMIT");
}

Status TableDb::RemoveContent(const std::string& sha256) {
  Impl& m = *impl_;
  TAHQIQ_RETURN_IF_ERROR(m.Exec("BEGIN IMMEDIATE"));
  Status st = m.RemoveSources("s.sha256=?", {sha256});
  if (!st.ok()) {
    (void)m.Exec("ROLLBACK");  // The error that got us here is the one to report.
    return st;
  }
  return m.Exec("COMMIT");
}

Result<std::vector<TableInfo>> TableDb::List() {
  Stmt s;
  TAHQIQ_RETURN_IF_ERROR(s.Prepare(impl_->db, "SELECT name FROM _tables ORDER BY name"));
  std::vector<std::string> names;
  while (sqlite3_step(s.get()) == SQLITE_ROW) names.push_back(s.Text(0));
  std::vector<TableInfo> out;
  for (const std::string& n : names) {
    TAHQIQ_ASSIGN_OR_RETURN(TableInfo info, Describe(n));
    out.push_back(std::move(info));
  }
  return out;
}

Result<TableInfo> TableDb::Describe(const std::string& table) {
  Impl& m = *impl_;
  TableInfo info;
  TAHQIQ_ASSIGN_OR_RETURN(int64_t id, m.TableId(table));
  info.id = id;
  info.name = table;
  TAHQIQ_ASSIGN_OR_RETURN(info.columns, m.Columns(id));
  TAHQIQ_ASSIGN_OR_RETURN(auto sources, m.Sources(id));
  for (auto& [sid, s] : sources) {
    info.rows += s.rows;
    info.sources.push_back(std::move(s));
  }
  return info;
}

Result<ResultSet> TableDb::Query(const QuerySpec& q) {
  Impl& m = *impl_;
  TAHQIQ_RETURN_IF_ERROR(m.TableId(q.table).status());
  const bool grouped = !q.group_by.empty() || !q.bucket.empty() || !q.aggregates.empty();
  std::vector<std::string> select, groups;
  if (!q.bucket.empty()) {
    if (q.time_column.empty()) {
      return Status::InvalidArgument("--bucket needs --time COLUMN (a date column)");
    }
    TAHQIQ_ASSIGN_OR_RETURN(std::string b, BucketExpr(q.bucket, q.time_column));
    select.push_back(b + " AS " + Quote(q.bucket));
    groups.push_back(b);
  }
  for (const std::string& g : q.group_by) {
    select.push_back(g);
    groups.push_back(g);
  }
  if (grouped) {
    if (q.aggregates.empty()) {
      select.push_back("count(*) AS rows");
    } else {
      for (const std::string& a : q.aggregates) select.push_back(a);
    }
  } else if (!q.select.empty()) {
    select = q.select;
  } else {
    TAHQIQ_ASSIGN_OR_RETURN(std::string cols, m.ColumnList(q.table, ""));
    select.push_back(cols);
  }
  std::string sql = "SELECT ";
  for (size_t i = 0; i < select.size(); ++i) sql += (i ? ", " : "") + select[i];
  sql += " FROM " + Quote(q.table);
  if (!q.where.empty()) sql += " WHERE (" + q.where + ")";
  if (!groups.empty()) {
    sql += " GROUP BY ";
    for (size_t i = 0; i < groups.size(); ++i) sql += (i ? ", " : "") + groups[i];
  }
  if (!q.order_by.empty()) {
    sql += " ORDER BY " + q.order_by;
  } else if (!groups.empty()) {
    sql += " ORDER BY ";
    for (size_t i = 0; i < groups.size(); ++i) sql += (i ? ", " : "") + groups[i];
  } else {
    sql += " ORDER BY _src, _row";
  }
  if (q.limit > 0 || q.offset > 0) {
    sql += " LIMIT " + (q.limit > 0 ? std::to_string(q.limit) : std::string("-1"));
  }
  if (q.offset > 0) sql += " OFFSET " + std::to_string(q.offset);
  Stmt s;
  TAHQIQ_RETURN_IF_ERROR(m.PrepareUser(&s, sql, q.timeout_ms));
  ResultSet out;
  const int cols = sqlite3_column_count(s.get());
  for (int c = 0; c < cols; ++c) out.columns.push_back(sqlite3_column_name(s.get(), c));
  for (;;) {
    TAHQIQ_ASSIGN_OR_RETURN(bool row, m.StepUser(s, q.timeout_ms));
    if (!row) break;
    std::vector<Value> values;
    for (int c = 0; c < cols; ++c) values.push_back(s.Get(c));
    out.rows.push_back(std::move(values));
  }
  return out;
}

Result<CompareResult> TableDb::Compare(const CompareSpec& q) {
  Impl& m = *impl_;
  TAHQIQ_RETURN_IF_ERROR(m.TableId(q.table).status());
  static const std::set<std::string> kInner = {"sum", "avg", "count", "min", "max"};
  if (!kInner.count(q.bucket_agg)) {
    return Status::InvalidArgument("--bucket-agg must be sum, avg, count, min or max");
  }
  if (q.agg != "avg" && q.agg != "sum") return Status::InvalidArgument("--agg must be avg or sum");
  TAHQIQ_ASSIGN_OR_RETURN(std::string bucket, BucketExpr(q.bucket, q.time_column));
  const std::string t = Quote(q.time_column);
  std::string sql = "SELECT " + bucket + ", " + q.bucket_agg + "(" + q.metric +
                    "), count(*) FROM " + Quote(q.table) + " WHERE " + t + " >= ?1 AND " + t +
                    " < ?2";
  if (!q.where.empty()) sql += " AND (" + q.where + ")";
  sql += " GROUP BY 1 ORDER BY 1";
  CompareResult out;
  for (auto [side, period] : {std::make_pair(&out.a, &q.a), std::make_pair(&out.b, &q.b)}) {
    side->period = *period;
    Stmt s;
    TAHQIQ_RETURN_IF_ERROR(m.PrepareUser(&s, sql, q.timeout_ms));
    s.Bind(1, period->start);
    s.Bind(2, period->end);
    std::map<std::string, CompareResult::Bucket> found;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool row, m.StepUser(s, q.timeout_ms));
      if (!row) break;
      CompareResult::Bucket b;
      b.label = s.Text(0);
      b.value = s.Real(1);
      b.rows = static_cast<uint64_t>(s.Int(2));
      found[b.label] = b;
    }
    // Every bucket of the period counts, those without rows as zero: an
    // average over "the months of the period" must not skip a silent month.
    for (const std::string& label : BucketLabels(q.bucket, *period)) {
      auto it = found.find(label);
      CompareResult::Bucket b;
      b.label = label;
      if (it != found.end()) {
        b = it->second;
        found.erase(it);
      } else {
        ++side->empty_buckets;
      }
      side->buckets.push_back(b);
    }
    for (auto& [label, b] : found) side->buckets.push_back(b);  // Odd labels: keep them.
    double total = 0;
    for (const auto& b : side->buckets) {
      total += b.value;
      side->rows += b.rows;
    }
    side->value = q.agg == "sum" || side->buckets.empty()
                      ? total
                      : total / static_cast<double>(side->buckets.size());
  }
  out.ratio = out.a.value != 0 ? out.b.value / out.a.value : std::nan("");
  out.percent_change =
      out.a.value != 0 ? (out.b.value - out.a.value) / out.a.value * 100 : std::nan("");
  return out;
}

Result<uint64_t> TableDb::WriteQueryEvidence(const QuerySpec& q, const std::string& csv_path) {
  Impl& m = *impl_;
  TAHQIQ_ASSIGN_OR_RETURN(std::string cols, m.ColumnList(q.table, ""));
  TAHQIQ_ASSIGN_OR_RETURN(TableInfo info, Describe(q.table));
  std::string sql = "SELECT _src, _row, " + cols + " FROM " + Quote(q.table);
  if (!q.where.empty()) sql += " WHERE (" + q.where + ")";
  sql += " ORDER BY _src, _row";
  std::vector<std::string> header = {"file", "member", "sheet", "row"};
  for (const ColumnInfo& c : info.columns) header.push_back(c.name);
  return m.WriteEvidence(q.table, sql, {}, header, q.timeout_ms, csv_path);
}

Result<uint64_t> TableDb::WriteCompareEvidence(const CompareSpec& q, const std::string& csv_path) {
  Impl& m = *impl_;
  TAHQIQ_ASSIGN_OR_RETURN(std::string cols, m.ColumnList(q.table, ""));
  TAHQIQ_ASSIGN_OR_RETURN(TableInfo info, Describe(q.table));
  TAHQIQ_ASSIGN_OR_RETURN(std::string bucket, BucketExpr(q.bucket, q.time_column));
  const std::string t = Quote(q.time_column);
  std::string where = q.where.empty() ? "" : " AND (" + q.where + ")";
  std::string sql;
  for (const char* side : {"a", "b"}) {
    const std::string p = side[0] == 'a' ? "?1 AND " + t + " < ?2" : "?3 AND " + t + " < ?4";
    if (!sql.empty()) sql += " UNION ALL ";
    sql += "SELECT _src, _row, '" + std::string(side) + "' AS period, " + bucket + " AS bucket, " +
           cols + " FROM " + Quote(q.table) + " WHERE " + t + " >= " + p + where;
  }
  sql += " ORDER BY 3, 4, 1, 2";
  std::vector<std::string> header = {"file", "member", "sheet", "row", "period", "bucket"};
  for (const ColumnInfo& c : info.columns) header.push_back(c.name);
  return m.WriteEvidence(q.table, sql, {q.a.start, q.a.end, q.b.start, q.b.end}, header,
                         q.timeout_ms, csv_path);
}

}  // namespace tahqiq::tables
