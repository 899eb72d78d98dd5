// Server: `tahqiq serve`, the JSON API of docs/api/openapi.yaml and the web
// app's static files, from one process.
//
// Access. Every request is checked here, on the server: the session comes
// from the HttpOnly cookie and is checked against access.db on every request
// (revocation and logout take effect on the next one); state-changing
// requests must carry the session's CSRF token in X-CSRF-Token. A user sees
// only documents of collections they may read: searches restrict the index
// query itself to those collections, so totals and facet counts include
// nothing else; entities, name-search hits and table rows are counted over
// readable documents only; anything else answers 404, as for a missing one.
//
// Threads. Each HTTP worker thread opens its own handles (store, index
// readers, analyzer, access.db, work.db, tables.db) on its first request and
// keeps them. Audit entries of searches, views and downloads go to a queue
// written by one background thread in batches (one transaction each), at
// the latest `audit_flush_ms` after the request, and on shutdown.
#ifndef TAHQIQ_SERVE_SERVER_H_
#define TAHQIQ_SERVE_SERVER_H_

#include <atomic>
#include <functional>
#include <string>

#include "base/status.h"
#include "serve/access.h"

namespace tahqiq::serve {

struct ServeOptions {
  std::string case_dir;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: a free port.
  std::string web_root;
  size_t threads = 16;
  bool json_log = false;  // One JSON line per request on stderr.
  PasswordCost password = PasswordCost::Moderate();
  int audit_flush_ms = 200;
  // Behind a TLS proxy: the session cookie gets `Secure` and the `__Host-`
  // prefix (browsers then send it only over HTTPS, to this host).
  bool secure_cookie = false;
  // Address of a reverse proxy whose X-Forwarded-For is believed: for its
  // requests the client is the last address it appended (for throttling,
  // the audit log and the request log). Empty: the peer address, always.
  std::string trusted_proxy;
  // Login throttling (AccessOptions): seconds to wait after the failures
  // allowed, doubling with each further one.
  int64_t login_delay_s = AccessOptions{}.base_delay_s;
};

// Serves until `stop` becomes true (checked a few times a second).
// `on_ready` gets the bound port once requests are accepted.
Status Serve(const ServeOptions& options, const std::atomic<bool>& stop,
             const std::function<void(int port)>& on_ready);

}  // namespace tahqiq::serve

#endif  // TAHQIQ_SERVE_SERVER_H_
