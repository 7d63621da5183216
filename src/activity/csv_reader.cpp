#include "csv_reader.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "ghgkit/error.hpp"

namespace ghgkit::detail {

csv_table read_csv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error(fmt::format("{}: cannot open CSV file", file.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);

  std::vector<csv_record> records;
  csv_record current{1, {}};
  std::string field;
  std::size_t line = 1;
  bool quoted = false, field_started = false;
  std::size_t quote_line = 0;
  auto end_field = [&] {
    current.fields.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = current.fields.size() == 1 && current.fields.front().empty();
    if (!blank) records.push_back(current);
    current = csv_record{line, {}};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) throw input_error(fmt::format("{}:{}: unterminated quoted field", file.string(), quote_line));
  if (!field.empty() || !current.fields.empty()) end_record();
  if (records.empty()) throw input_error(fmt::format("{}: empty CSV file: expected a header line", file.string()));
  csv_table table;
  table.header = records.front().fields;
  table.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return table;
}

}  // namespace ghgkit::detail
