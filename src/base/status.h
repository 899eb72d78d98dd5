// Status and Result<T>: how tahqiq reports expected failures.
//
// A malformed file, a missing case directory or a busy database are normal
// events, reported as values rather than exceptions. Status is cheap to copy
// when ok (no allocation). Both types are plain values; share them across
// threads like any other value.
#ifndef TAHQIQ_BASE_STATUS_H_
#define TAHQIQ_BASE_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tahqiq {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kCorrupt,
  kIOError,
  kUnsupported,
  kBusy,
  kResourceExhausted,
  kCancelled,
  kInternal,
};

// Short lower-case name, stable: stored in the case database as a reason.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "code: message", or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Result<T> holds either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(v_).ok()) v_ = Status::Internal("Result built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tahqiq

#define TAHQIQ_CONCAT_INNER_(a, b) a##b
#define TAHQIQ_CONCAT_(a, b) TAHQIQ_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function if `expr` is not ok.
#define TAHQIQ_RETURN_IF_ERROR(expr) \
  do {                               \
    ::tahqiq::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)

// `lhs = value of rexpr`, or returns its Status from the enclosing function.
#define TAHQIQ_ASSIGN_OR_RETURN(lhs, rexpr) \
  TAHQIQ_ASSIGN_OR_RETURN_IMPL_(TAHQIQ_CONCAT_(_res_, __LINE__), lhs, rexpr)
#define TAHQIQ_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                  \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()

// Bugs only, never input: aborts with a message in every build type.
#define TAHQIQ_CHECK(cond)                                                   \
  do {                                                                       \
    if (!(cond)) ::tahqiq::internal::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (0)

namespace tahqiq::internal {
[[noreturn]] void CheckFailed(const char* cond, const char* file, int line);
}

#endif  // TAHQIQ_BASE_STATUS_H_
