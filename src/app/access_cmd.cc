// `tahqiq user|collection|grant|revoke|audit ...`: manage who may see what
// in a case, and read or check its audit trail. Every change is made by the
// local Unix user and recorded as "cli:<name>".
#include "app/access_cmd.h"

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli_util.h"
#include "base/file_util.h"
#include "serve/access.h"

namespace tahqiq::app {
namespace {

using nlohmann::json;

constexpr int kExitChainBroken = 5;

struct AccessArgs {
  std::string case_dir, name, collection, access, role = "viewer", owner;
  bool as_json = false;
  size_t limit = 50;
};

std::string Actor() {
  const struct passwd* pw = ::getpwuid(::geteuid());
  return "cli:" + (pw && pw->pw_name ? std::string(pw->pw_name) : std::to_string(::geteuid()));
}

// `create`: make access.db if the case has none yet (commands that change
// something); otherwise a missing file is a clear NotFound.
Result<std::unique_ptr<serve::AccessDb>> OpenAccess(const std::string& case_dir, bool create) {
  struct stat st {};
  if (::stat(case_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Status::NotFound("no case directory " + EscapeForDisplay(case_dir));
  }
  const std::string path = case_dir + "/access.db";
  if (!create && !PathExists(path)) {
    return Status::NotFound("case " + EscapeForDisplay(case_dir) +
                            " has no users, collections or audit entries yet (no access.db)");
  }
  serve::AccessOptions opt;
  opt.password = serve::PasswordCost::FromEnvironment();
  return serve::AccessDb::Open(path, opt);
}

}  // namespace

Status EnsureCollection(const std::string& case_dir, const std::string& name) {
  TAHQIQ_ASSIGN_OR_RETURN(auto db, OpenAccess(case_dir, true));
  TAHQIQ_ASSIGN_OR_RETURN(std::vector<serve::Collection> all, db->ListCollections());
  for (const auto& c : all) {
    if (c.name == name) return Status::Ok();
  }
  return db->AddCollection(Actor(), name);
}

namespace {

struct termios g_saved_tty;
bool g_tty_changed = false;

void RestoreTty() {
  if (g_tty_changed) ::tcsetattr(0, TCSANOW, &g_saved_tty);
  g_tty_changed = false;
}

void OnSignalRestoreTty(int sig) {
  if (g_tty_changed) ::tcsetattr(0, TCSANOW, &g_saved_tty);
  ::_exit(128 + sig);
}

// One line from standard input, without its end of line. False at end of
// input with nothing read.
bool ReadLine(std::string* out) {
  out->clear();
  int c;
  bool any = false;
  while ((c = std::fgetc(stdin)) != EOF) {
    any = true;
    if (c == '\n') break;
    if (out->size() <= 4096) out->push_back(static_cast<char>(c));
  }
  if (!out->empty() && out->back() == '\r') out->pop_back();
  return any;
}

Result<std::string> PromptNoEcho(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  struct termios t {};
  if (::tcgetattr(0, &t) == 0) {
    g_saved_tty = t;
    t.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    g_tty_changed = ::tcsetattr(0, TCSANOW, &t) == 0;
  }
  std::string line;
  const bool got = ReadLine(&line);
  RestoreTty();
  std::fprintf(stderr, "\n");
  if (!got) return Status::InvalidArgument("no password given");
  return line;
}

// From a terminal: asked twice, not shown. From a pipe: the first line.
Result<std::string> ReadPassword(const std::string& user) {
  if (!::isatty(0)) {
    std::string line;
    if (!ReadLine(&line) || line.empty()) {
      return Status::InvalidArgument("no password on standard input (one line expected)");
    }
    return line;
  }
  signal(SIGINT, OnSignalRestoreTty);
  signal(SIGTERM, OnSignalRestoreTty);
  const std::string prompt = "New password for " + EscapeForDisplay(user) + ": ";
  TAHQIQ_ASSIGN_OR_RETURN(std::string first, PromptNoEcho(prompt.c_str()));
  TAHQIQ_ASSIGN_OR_RETURN(std::string second, PromptNoEcho("Same password again: "));
  if (first != second) return Status::InvalidArgument("the two passwords differ; nothing changed");
  return first;
}

int RunUserAdd(const AccessArgs& a) {
  auto role = serve::ParseRole(a.role);
  if (!role.ok()) return Fail(role.status());
  auto db = OpenAccess(a.case_dir, true);
  if (!db.ok()) return Fail(db.status());
  auto pw = ReadPassword(a.name);
  if (!pw.ok()) return Fail(pw.status());
  Status st = (*db)->AddUser(Actor(), a.name, *role, *pw);
  if (!st.ok()) return Fail(st);
  std::printf("added user %s (%s)\n", EscapeForDisplay(a.name).c_str(), a.role.c_str());
  return 0;
}

int RunUserRemove(const AccessArgs& a) {
  auto db = OpenAccess(a.case_dir, false);
  if (!db.ok()) return Fail(db.status());
  Status st = (*db)->RemoveUser(Actor(), a.name);
  if (!st.ok()) return Fail(st);
  std::printf("removed user %s; their sessions have ended\n", EscapeForDisplay(a.name).c_str());
  return 0;
}

int RunUserPasswd(const AccessArgs& a) {
  auto db = OpenAccess(a.case_dir, false);
  if (!db.ok()) return Fail(db.status());
  auto pw = ReadPassword(a.name);
  if (!pw.ok()) return Fail(pw.status());
  Status st = (*db)->SetPassword(Actor(), a.name, *pw);
  if (!st.ok()) return Fail(st);
  std::printf("new password set for %s; their sessions have ended\n",
              EscapeForDisplay(a.name).c_str());
  return 0;
}

int RunUserList(const AccessArgs& a) {
  auto db = OpenAccess(a.case_dir, false);
  if (!db.ok()) return Fail(db.status());
  auto users = (*db)->ListUsers();
  if (!users.ok()) return Fail(users.status());
  auto grants = (*db)->ListGrants();
  if (!grants.ok()) return Fail(grants.status());
  for (const auto& u : *users) {
    json g = json::object();
    std::string text;
    for (const auto& gr : *grants) {
      if (gr.user != u.name) continue;
      g[gr.collection] = serve::AccessName(gr.access);
      text += (text.empty() ? "" : ", ") + EscapeForDisplay(gr.collection) + ":" +
              std::string(serve::AccessName(gr.access));
    }
    if (a.as_json) {
      std::printf("%s\n", Dump({{"user", u.name},
                                {"role", serve::RoleName(u.role)},
                                {"created", u.created},
                                {"grants", g}})
                              .c_str());
    } else {
      std::printf("%-20s %-7s %s  %s\n", EscapeForDisplay(u.name).c_str(),
                  std::string(serve::RoleName(u.role)).c_str(), u.created.c_str(),
                  text.empty() ? "(no grants)" : text.c_str());
    }
  }
  if (users->empty() && !a.as_json) std::printf("no users\n");
  return 0;
}

int RunCollectionAdd(const AccessArgs& a) {
  auto db = OpenAccess(a.case_dir, true);
  if (!db.ok()) return Fail(db.status());
  Status st = (*db)->AddCollection(Actor(), a.name, a.owner);
  if (!st.ok()) return Fail(st);
  std::printf("added collection %s%s%s\n", EscapeForDisplay(a.name).c_str(),
              a.owner.empty() ? "" : " owned by ", EscapeForDisplay(a.owner).c_str());
  return 0;
}

int RunCollectionList(const AccessArgs& a) {
  auto db = OpenAccess(a.case_dir, false);
  if (!db.ok()) return Fail(db.status());
  auto list = (*db)->ListCollections();
  if (!list.ok()) return Fail(list.status());
  for (const auto& c : *list) {
    if (a.as_json) {
      std::printf("%s\n", Dump({{"collection", c.name},
                                {"owner", c.owner.empty() ? json(nullptr) : json(c.owner)},
                                {"created", c.created}})
                              .c_str());
    } else {
      std::printf("%-24s %s  %s\n", EscapeForDisplay(c.name).c_str(), c.created.c_str(),
                  c.owner.empty() ? "(no owner)" : ("owner " + EscapeForDisplay(c.owner)).c_str());
    }
  }
  if (list->empty() && !a.as_json) std::printf("no collections\n");
  return 0;
}

int RunGrant(const AccessArgs& a, bool grant) {
  auto access = serve::ParseAccess(a.access);
  if (!access.ok()) return Fail(access.status());
  auto db = OpenAccess(a.case_dir, false);
  if (!db.ok()) return Fail(db.status());
  Status st = grant ? (*db)->Grant(Actor(), a.name, a.collection, *access)
                    : (*db)->Revoke(Actor(), a.name, a.collection, *access);
  if (!st.ok()) return Fail(st);
  std::printf("%s %s on %s %s %s\n", grant ? "granted" : "revoked", a.access.c_str(),
              EscapeForDisplay(a.collection).c_str(), grant ? "to" : "from",
              EscapeForDisplay(a.name).c_str());
  return 0;
}

json EntryJson(const serve::AuditEntry& e) {
  json details = json::parse(e.details, nullptr, false);
  return {{"seq", e.seq},
          {"time", e.time},
          {"actor", e.actor},
          {"action", e.action},
          {"target", e.target},
          {"details", details.is_discarded() ? json(e.details) : details},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

int RunAuditShow(const AccessArgs& a) {
  auto db = OpenAccess(a.case_dir, false);
  if (!db.ok()) return Fail(db.status());
  auto tail = (*db)->audit().Tail(a.limit);
  if (!tail.ok()) return Fail(tail.status());
  for (const auto& e : *tail) {
    if (a.as_json) {
      std::printf("%s\n", Dump(EntryJson(e)).c_str());
    } else {
      std::printf("%6lld  %s  %-16s %-14s %s %s\n", static_cast<long long>(e.seq), e.time.c_str(),
                  EscapeForDisplay(e.actor).c_str(), EscapeForDisplay(e.action).c_str(),
                  EscapeForDisplay(e.target).c_str(),
                  e.details == "{}" ? "" : EscapeForDisplay(e.details).c_str());
    }
  }
  if (tail->empty() && !a.as_json) std::printf("no audit entries\n");
  return 0;
}

int RunAuditVerify(const AccessArgs& a) {
  auto db = OpenAccess(a.case_dir, false);
  if (!db.ok()) return Fail(db.status());
  auto v = (*db)->audit().Verify();
  if (!v.ok()) return Fail(v.status());
  if (a.as_json) {
    std::printf("%s\n", Dump({{"ok", v->ok},
                              {"entries", v->entries},
                              {"bad_seq", v->bad_seq ? json(v->bad_seq) : json(nullptr)},
                              {"problem", v->problem},
                              {"warning", v->warning},
                              {"head_seq", v->head_seq},
                              {"head_hash", v->head_hash}})
                            .c_str());
  } else if (v->ok) {
    std::printf("audit log intact: %lld entries; last entry %lld has hash %s\n",
                static_cast<long long>(v->entries), static_cast<long long>(v->head_seq),
                v->head_hash.empty() ? "(none)" : v->head_hash.c_str());
  }
  if (!v->warning.empty()) std::fprintf(stderr, "tahqiq: warning: %s\n", v->warning.c_str());
  if (!v->ok) {
    std::fprintf(stderr, "tahqiq: audit log BROKEN%s: %s\n",
                 v->bad_seq ? (" at entry " + std::to_string(v->bad_seq)).c_str() : "",
                 v->problem.c_str());
    return kExitChainBroken;
  }
  return 0;
}

}  // namespace

std::function<int()> AddAccessCommands(CLI::App* app) {
  auto a = std::make_shared<AccessArgs>();
  auto add_case = [a](CLI::App* c) {
    c->add_option("--case", a->case_dir, "Case directory")->required();
  };
  const char* kPasswordNote =
      "The password is read from standard input: asked twice without echo on a terminal,\n"
      "the first line from a pipe (e.g. printf '%s\\n' \"$PW\" | tahqiq user add ...).\n"
      "At least 8 characters. It is stored only as an argon2id hash.";

  auto* user = app->add_subcommand("user", "Users of a case: add, remove, passwd, list");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a user (password from standard input)");
  add_case(user_add);
  user_add->add_option("name", a->name, "User name")->required();
  user_add->add_option("--role", a->role,
                       "admin (everything), editor (reads granted collections, writes where "
                       "granted write), viewer (reads granted collections); default viewer");
  user_add->footer(kPasswordNote);
  auto* user_remove =
      user->add_subcommand("remove", "Remove a user, their grants and sessions (at once)");
  add_case(user_remove);
  user_remove->add_option("name", a->name, "User name")->required();
  auto* user_passwd = user->add_subcommand(
      "passwd", "Set a user's password (from standard input); ends their sessions");
  add_case(user_passwd);
  user_passwd->add_option("name", a->name, "User name")->required();
  user_passwd->footer(kPasswordNote);
  auto* user_list = user->add_subcommand("list", "List users, roles and grants");
  add_case(user_list);
  user_list->add_flag("--json", a->as_json, "One JSON object per user");

  auto* coll = app->add_subcommand("collection", "Collections of a case: add, list");
  coll->require_subcommand(1);
  auto* coll_add = coll->add_subcommand("add", "Add a collection");
  add_case(coll_add);
  coll_add->add_option("name", a->name, "Collection name")->required();
  coll_add->add_option("--owner", a->owner,
                       "User who owns it: reads it, and writes it unless a viewer");
  auto* coll_list = coll->add_subcommand("list", "List collections");
  add_case(coll_list);
  coll_list->add_flag("--json", a->as_json, "One JSON object per collection");

  auto* grant = app->add_subcommand("grant", "Let a user read or write a collection");
  auto* revoke = app->add_subcommand(
      "revoke", "Take back a grant (read: all access; write: leaves read); immediate");
  for (auto* c : {grant, revoke}) {
    add_case(c);
    c->add_option("user", a->name, "User name")->required();
    c->add_option("collection", a->collection, "Collection name")->required();
    c->add_option("access", a->access, "read or write")->required();
  }

  auto* audit = app->add_subcommand("audit", "The audit trail of a case: show, verify");
  audit->require_subcommand(1);
  auto* show = audit->add_subcommand("show", "Print the latest audit entries, oldest first");
  add_case(show);
  show->add_option("--limit", a->limit, "Entries to show (default 50; 0 for all)");
  show->add_flag("--json", a->as_json, "One JSON object per entry, with hashes");
  auto* verify = audit->add_subcommand(
      "verify", "Check the hash chain: finds edited, removed, inserted, reordered or cut entries");
  add_case(verify);
  verify->add_flag("--json", a->as_json, "Print the verdict as JSON");
  verify->footer(
      "Exit code 0 when intact, 5 when the chain is broken (the first bad entry is named).\n"
      "Note the printed hash of the last entry somewhere else: it also catches a rewrite by\n"
      "someone who could change both access.db and audit.head.");

  return [=]() -> int {
    if (*user_add) return RunUserAdd(*a);
    if (*user_remove) return RunUserRemove(*a);
    if (*user_passwd) return RunUserPasswd(*a);
    if (*user_list) return RunUserList(*a);
    if (*coll_add) return RunCollectionAdd(*a);
    if (*coll_list) return RunCollectionList(*a);
    if (*grant) return RunGrant(*a, true);
    if (*revoke) return RunGrant(*a, false);
    if (*show) return RunAuditShow(*a);
    if (*verify) return RunAuditVerify(*a);
    return -1;
  };
}

}  // namespace tahqiq::app
