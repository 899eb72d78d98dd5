// Helpers shared by the `tahqiq` subcommands: one error line and the
// documented exit code, and JSON output that never throws on bad UTF-8.
#ifndef TAHQIQ_APP_CLI_UTIL_H_
#define TAHQIQ_APP_CLI_UTIL_H_

#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"

namespace tahqiq::app {

// Prints "tahqiq: <status>" to stderr and returns the exit code: 2 invalid
// argument, 3 not found, 4 busy, 1 otherwise. A full disk adds a hint.
int Fail(const Status& st);

// Compact JSON; invalid UTF-8 in strings becomes U+FFFD.
std::string Dump(const nlohmann::json& j);

}  // namespace tahqiq::app

#endif  // TAHQIQ_APP_CLI_UTIL_H_
