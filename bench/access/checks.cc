// What access control costs per request: Can(), Readable() and
// CheckSession() (the checks every API call will make), an audit append
// (one fsync'd transaction), Verify() over the chain, and a login at the
// production password cost. Usage: access_bench [DIR] (default: a temp dir).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "serve/access.h"

namespace {

using namespace tahqiq;
using Clock = std::chrono::steady_clock;

void Check(const Status& st) {
  if (!st.ok()) {
    std::fprintf(stderr, "access_bench: %s\n", st.ToString().c_str());
    std::exit(1);
  }
}

// Runs `f` n times; prints p50, p99 and max in microseconds.
void Time(const char* what, int n, const std::function<void(int)>& f) {
  std::vector<double> us;
  us.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    f(i);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  std::printf("%-34s n=%-6d p50 %9.1f us  p99 %9.1f us  max %9.1f us\n", what, n, us[us.size() / 2],
              us[us.size() * 99 / 100], us.back());
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  if (argc > 1) {
    dir = argv[1];
  } else {
    char tmpl[] = "/tmp/tahqiq-access-bench-XXXXXX";
    dir = ::mkdtemp(tmpl);
  }
  serve::AccessOptions fast;
  fast.password = serve::PasswordCost::Interactive();
  auto db = serve::AccessDb::Open(dir + "/access.db", fast);
  Check(db.status());
  serve::AccessDb& a = **db;
  // 50 users, 200 collections, each user granted 40 of them.
  const int kUsers = 50, kCollections = 200;
  for (int c = 0; c < kCollections; ++c) Check(a.AddCollection("bench", "c" + std::to_string(c)));
  for (int u = 0; u < kUsers; ++u) {
    const std::string name = "u" + std::to_string(u);
    Check(a.AddUser("bench", name, serve::Role::kEditor, "bench password"));
    for (int k = 0; k < 40; ++k) {
      Check(a.Grant("bench", name, "c" + std::to_string((u * 7 + k * 5) % kCollections),
                    k % 2 ? serve::Access::kRead : serve::Access::kWrite));
    }
  }
  auto token = a.Login("u1", "bench password", "127.0.0.1");
  Check(token.status());

  Time("Can(user, collection, read)", 20000, [&](int i) {
    auto r = a.Can("u" + std::to_string(i % kUsers), "c" + std::to_string(i % kCollections),
                   serve::Access::kRead);
    Check(r.status());
  });
  Time("Readable(user) (40 of 200)", 5000, [&](int i) {
    auto r = a.Readable("u" + std::to_string(i % kUsers));
    Check(r.status());
  });
  Time("CheckSession(token)", 20000, [&](int) { Check(a.CheckSession(*token).status()); });
  Time("audit().Append (fsync'd)", 500, [&](int i) {
    Check(
        a.audit().Append("user:u1", "view", std::to_string(i), R"({"collection":"c1"})").status());
  });
  Time("audit().AppendAll, 20 entries", 50, [&](int i) {
    std::vector<serve::AuditEntry> batch(20);
    for (auto& e : batch) {
      e.actor = "user:u1";
      e.action = "search";
      e.details = R"({"q":"invoice"})";
    }
    Check(a.audit().AppendAll(std::move(batch)).status());
  });
  auto entries = a.audit().Verify();
  Check(entries.status());
  Time("audit().Verify()", 5, [&](int) { Check(a.audit().Verify().status()); });
  std::printf("(chain of %lld entries)\n", static_cast<long long>(entries->entries));

  auto slow = serve::AccessDb::Open(dir + "/access.db");  // Production cost.
  Check(slow.status());
  Check((*slow)->AddUser("bench", "prod", serve::Role::kViewer, "bench password"));
  Time("Login at MODERATE cost", 5,
       [&](int) { Check((*slow)->Login("prod", "bench password", "127.0.0.2").status()); });
  if (argc <= 1) std::system(("rm -rf " + dir).c_str());
  return 0;
}
