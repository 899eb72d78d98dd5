#include "serve/http.h"

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace tahqiq::serve {

std::string HttpRequest::Param(const std::string& name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return "";
}

std::vector<std::string> HttpRequest::Params(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : params) {
    if (k == name) out.push_back(v);
  }
  return out;
}

bool HttpRequest::HasParam(const std::string& name) const {
  return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}

std::string HttpRequest::Header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return "";
}

FileBody::~FileBody() {
  if (fd >= 0) ::close(fd);
}

struct HttpServer::Impl {
  httplib::Server server;
  int port = 0;
};

namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

void Fill(const HttpResponse& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [k, v] : from.headers) to.set_header(k, v);
  if (!from.file) {
    to.set_content(from.body, from.content_type);
    return;
  }
  std::shared_ptr<FileBody> file = from.file;
  to.set_content_provider(static_cast<size_t>(file->size), from.content_type,
                          [file](size_t offset, size_t length, httplib::DataSink& sink) {
                            char buf[64 << 10];
                            const size_t want = std::min(length, sizeof buf);
                            ssize_t n;
                            do {
                              n = ::pread(file->fd, buf, want, static_cast<off_t>(offset));
                            } while (n < 0 && errno == EINTR);
                            // A short file (changed under us) or a read error ends the
                            // connection: the client sees a truncated body, never other bytes.
                            if (n <= 0) return false;
                            return sink.write(buf, static_cast<size_t>(n));
                          });
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Bind(const HttpOptions& opt, HttpHandler handler,
                                                     HttpErrorHandler on_error) {
  auto impl = std::make_unique<Impl>();
  httplib::Server& s = impl->server;
  const size_t threads = std::max<size_t>(1, opt.threads);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_payload_max_length(opt.max_body);
  s.set_read_timeout(opt.read_timeout_s, 0);
  s.set_write_timeout(opt.write_timeout_s, 0);
  s.set_keep_alive_timeout(opt.keep_alive_s);
  s.set_keep_alive_max_count(opt.keep_alive_max);
  // Headers and body go out in separate writes: without TCP_NODELAY the
  // second waits for the client's delayed ACK (~40 ms per request).
  s.set_tcp_nodelay(true);
  // Every method and path goes to the one handler (it routes itself). Not
  // a pre-routing handler: that one runs before the body is read.
  auto one = [handler](const httplib::Request& req, httplib::Response& res) {
    HttpRequest r;
    r.method = req.method;
    r.path = req.path;
    r.body = req.body;
    r.remote_addr = req.remote_addr;
    for (const auto& [k, v] : req.params) r.params.emplace_back(k, v);
    for (const auto& [k, v] : req.headers) r.headers.emplace_back(Lower(k), v);
    HttpResponse out;
    handler(r, &out);
    Fill(out, res);
  };
  const std::string any = "/.*";
  s.Get(any, one);
  s.Post(any, one);
  s.Put(any, one);
  s.Delete(any, one);
  s.Patch(any, one);
  s.Options(any, one);
  // Answers httplib gives itself (413, 400 on a malformed request line...).
  s.set_error_handler(httplib::Server::HandlerWithResponse(
      [on_error](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        HttpResponse out;
        on_error(res.status, &out);
        Fill(out, res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  int port = opt.port;
  if (port == 0) {
    port = s.bind_to_any_port(opt.host);
    if (port < 0) return Status::IOError("cannot listen on " + opt.host + " (any port)");
  } else if (!s.bind_to_port(opt.host, port)) {
    return Status::IOError("cannot listen on " + opt.host + ":" + std::to_string(port));
  }
  impl->port = port;
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;
int HttpServer::port() const { return impl_->port; }

Status HttpServer::Run() {
  if (!impl_->server.listen_after_bind()) {
    // listen_after_bind also returns false after a clean stop().
    return Status::Ok();
  }
  return Status::Ok();
}

void HttpServer::Stop() { impl_->server.stop(); }

}  // namespace tahqiq::serve
