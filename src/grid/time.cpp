#include "ghgkit/grid/time.hpp"

#include <fmt/format.h>

namespace ghgkit {
inline namespace v0 {
namespace grid {
namespace {

constexpr std::string_view form =
    "an ISO 8601 time YYYY-MM-DDTHH:MM[:SS][.fff] with Z or +HH:MM/-HH:MM, such as '2024-03-31T01:00:00+01:00'";

// `n` decimal digits of `text` at `at`, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is(std::string_view text, std::size_t at, char c) { return at < text.size() && text[at] == c; }

// Offset in minutes east of UTC at `pos` (which ends the text), or throws.
int offset_minutes(std::string_view text, std::size_t pos, const source_location& where, std::string_view field) {
  if (pos == text.size()) {
    raise<input_error>(where, field, quote(text),
                       "a zone offset (Z or +HH:MM) after the time: without one the instant is ambiguous, "
                       "e.g. '2024-03-31T01:00:00+01:00'");
  }
  if (text[pos] == 'Z' && pos + 1 == text.size()) return 0;
  const int hours = digits(text, pos + 1, 2), minutes = digits(text, pos + 4, 2);
  const bool sign = text[pos] == '+' || text[pos] == '-';
  if (!sign || hours < 0 || !is(text, pos + 3, ':') || minutes < 0 || pos + 6 != text.size()) {
    raise<input_error>(where, field, quote(text), form);
  }
  if (hours > 23 || minutes > 59) raise<input_error>(where, field, quote(text), "an offset of at most 23:59");
  return (text[pos] == '-' ? -1 : 1) * (hours * 60 + minutes);
}

}  // namespace

utc_time parse_time(std::string_view text, const source_location& where, std::string_view field) {
  using namespace std::chrono;
  const int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  const int h = digits(text, 11, 2), mi = digits(text, 14, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || !is(text, 4, '-') || !is(text, 7, '-') ||
      !is(text, 10, 'T') || !is(text, 13, ':')) {
    raise<input_error>(where, field, quote(text), form);
  }
  std::size_t pos = 16;
  int s = 0;
  if (is(text, pos, ':')) {
    s = digits(text, pos + 1, 2);
    if (s < 0) raise<input_error>(where, field, quote(text), form);
    pos += 3;
    if (is(text, pos, '.')) {
      const std::size_t first = ++pos;
      bool fraction = false;
      for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) fraction = fraction || text[pos] != '0';
      if (pos == first) raise<input_error>(where, field, quote(text), form);
      if (fraction) raise<input_error>(where, field, quote(text), "a time in whole seconds");
    }
  }
  const int offset = offset_minutes(text, pos, where, field);
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) {
    raise<input_error>(where, field, quote(text), "a valid calendar date and a time of day up to 23:59:59");
  }
  return sys_days{date} + hours{h} + minutes{mi} + seconds{s} - minutes{offset};
}

std::string format_time(utc_time t) {
  using namespace std::chrono;
  const sys_days day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss<seconds> time{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
