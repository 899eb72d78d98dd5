// HttpServer: the HTTP/1.1 listener of `tahqiq serve`, a thin adapter over
// cpp-httplib (Debian's libcpp-httplib-dev; its header is included only in
// http.cc). Every request, whatever its method and path, goes to one
// handler, which does its own routing; the adapter adds nothing to the
// answer but what HTTP needs.
//
// Limits: request bodies over `max_body` bytes are refused with 413 before
// they are read whole; reads and writes time out; a connection serves at
// most `keep_alive_max` requests.
//
// Thread safety: the handler runs on `threads` worker threads at once, one
// request per thread at a time (so per-thread state is safe to use).
#ifndef TAHQIQ_SERVE_HTTP_H_
#define TAHQIQ_SERVE_HTTP_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace tahqiq::serve {

struct HttpRequest {
  std::string method, path, body, remote_addr;
  std::vector<std::pair<std::string, std::string>> params;   // Decoded query parameters.
  std::vector<std::pair<std::string, std::string>> headers;  // Names lower-cased.

  // First value of a parameter or header ("" if absent).
  std::string Param(const std::string& name) const;
  std::vector<std::string> Params(const std::string& name) const;
  bool HasParam(const std::string& name) const;
  std::string Header(const std::string& lower_name) const;
};

// A response body read from an open file as the client takes it (so a
// large original never sits in memory whole). Owns `fd`.
struct FileBody {
  int fd = -1;
  uint64_t size = 0;
  FileBody(int fd, uint64_t size) : fd(fd), size(size) {}
  ~FileBody();
  FileBody(const FileBody&) = delete;
  FileBody& operator=(const FileBody&) = delete;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;  // Ignored when `file` is set.
  std::shared_ptr<FileBody> file;
  std::vector<std::pair<std::string, std::string>> headers;
};

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse*)>;
// Fills the answer to a request the adapter refused itself (e.g. 413); gets
// the status and a message.
using HttpErrorHandler = std::function<void(int status, HttpResponse*)>;

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port.
  size_t threads = 16;
  size_t max_body = 1 << 20;
  int read_timeout_s = 10, write_timeout_s = 30, keep_alive_s = 5;
  size_t keep_alive_max = 1000;
};

class HttpServer {
 public:
  // Binds the address (so the port is known, and taken) without serving yet.
  static Result<std::unique_ptr<HttpServer>> Bind(const HttpOptions& options, HttpHandler handler,
                                                  HttpErrorHandler on_error);
  ~HttpServer();
  int port() const;
  // Serves until Stop() (from any thread); in-flight requests finish.
  Status Run();
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tahqiq::serve

#endif  // TAHQIQ_SERVE_HTTP_H_
