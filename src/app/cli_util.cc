#include "app/cli_util.h"

#include <cstdio>

namespace tahqiq::app {

int Fail(const Status& st) {
  std::fprintf(stderr, "tahqiq: %s\n", st.ToString().c_str());
  if (st.code() == StatusCode::kResourceExhausted &&
      (st.message().find("space") != std::string::npos ||
       st.message().find("quota") != std::string::npos ||
       st.message().find("full") != std::string::npos)) {
    std::fprintf(stderr,
                 "tahqiq: the disk holding the case is probably full; nothing committed is lost. "
                 "Free space, then run the same command again to resume.\n");
  }
  switch (st.code()) {
    case StatusCode::kInvalidArgument:
      return 2;
    case StatusCode::kNotFound:
      return 3;
    case StatusCode::kBusy:
      return 4;
    default:
      return 1;
  }
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tahqiq::app
