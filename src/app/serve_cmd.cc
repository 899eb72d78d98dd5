#include "app/serve_cmd.h"

#include <csignal>
#include <cstdio>
#include <memory>

#include "app/cli_util.h"
#include "serve/server.h"

namespace tahqiq::app {
namespace {

std::atomic<bool> g_stop{false};
void OnStopSignal(int) { g_stop = true; }

struct ServeArgs {
  serve::ServeOptions opt;
  std::string listen = "127.0.0.1:8080";
};

int RunServe(ServeArgs& a) {
  const size_t colon = a.listen.rfind(':');
  if (colon == std::string::npos) return Fail(Status::InvalidArgument("--listen wants HOST:PORT"));
  a.opt.host = a.listen.substr(0, colon);
  if (a.opt.host.size() > 2 && a.opt.host.front() == '[' && a.opt.host.back() == ']') {
    a.opt.host = a.opt.host.substr(1, a.opt.host.size() - 2);
  }
  try {
    a.opt.port = std::stoi(a.listen.substr(colon + 1));
  } catch (...) {
    return Fail(Status::InvalidArgument("--listen wants HOST:PORT"));
  }
  if (a.opt.port < 0 || a.opt.port > 65535) return Fail(Status::InvalidArgument("bad port"));
  a.opt.password = serve::PasswordCost::FromEnvironment();
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  std::signal(SIGPIPE, SIG_IGN);
  Status st = serve::Serve(a.opt, g_stop, [&](int port) {
    const std::string host =
        a.opt.host.find(':') != std::string::npos ? "[" + a.opt.host + "]" : a.opt.host;
    std::printf("listening on http://%s:%d\n", host.c_str(), port);
    std::fflush(stdout);
  });
  if (!st.ok()) return Fail(st);
  std::fprintf(stderr, "serve: stopped\n");
  return 0;
}

}  // namespace

std::function<int()> AddServeCommand(CLI::App* app) {
  auto args = std::make_shared<ServeArgs>();
  args->opt.web_root = TAHQIQ_WEB_DIR;
  auto* cmd = app->add_subcommand("serve", "The web workbench and its JSON API (docs/api)");
  cmd->add_option("--case", args->opt.case_dir, "Case directory")->required();
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0: any free port)");
  cmd->add_option("--web-root", args->opt.web_root,
                  "Folder of the web app (default: the repo's web/)");
  cmd->add_option("--threads", args->opt.threads, "Request threads (default 16)");
  cmd->add_flag("--json-log", args->opt.json_log, "One JSON line per request on stderr");
  cmd->add_flag("--secure-cookie", args->opt.secure_cookie,
                "Behind a TLS proxy: session cookie marked Secure, named __Host-tahqiq_session");
  cmd->add_option("--trusted-proxy", args->opt.trusted_proxy,
                  "Address of a reverse proxy whose X-Forwarded-For names the client "
                  "(login throttling and the audit log then see clients, not the proxy)");
  cmd->add_option("--login-delay", args->opt.login_delay_s,
                  "Seconds a login must wait after 5 failures for an account (20 for an "
                  "address) within 15 minutes, doubled with each further failure, at most "
                  "15 minutes (default 1)")
      ->check(CLI::Range(int64_t{1}, int64_t{15 * 60}));
  return [cmd, args]() -> int {
    if (!*cmd) return -1;
    return RunServe(*args);
  };
}

}  // namespace tahqiq::app
