// The `tahqiq user`, `collection`, `grant`, `revoke` and `audit`
// subcommands: users, collections and grants of a case, and its audit trail
// (see serve/access.h and serve/audit.h).
#ifndef TAHQIQ_APP_ACCESS_CMD_H_
#define TAHQIQ_APP_ACCESS_CMD_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "base/status.h"

namespace tahqiq::app {

// Adds the subcommands to `app`. After app.parse(), calling the returned
// function runs the chosen one and gives its exit code, or -1 if none of
// them was chosen.
std::function<int()> AddAccessCommands(CLI::App* app);

// Adds collection `name` to the case's access.db (created if needed) unless
// it is there already (`tahqiq ingest --collection`).
Status EnsureCollection(const std::string& case_dir, const std::string& name);

}  // namespace tahqiq::app

#endif  // TAHQIQ_APP_ACCESS_CMD_H_
