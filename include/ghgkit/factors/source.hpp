#pragma once
/// A cited source: every factor, GWP table and region group names one.

#include <string>

#include "ghgkit/error.hpp"

namespace ghgkit {
inline namespace v0 {

struct source {
  std::string id;
  std::string publisher;
  std::string title;
  int year = 0;          ///< publication year of the edition used
  std::string url;
  std::string licence;   ///< SPDX id or the publisher's licence name
  std::string retrieved; ///< where and how the figures were taken (repository@commit path, date)
  std::string notes;
  source_location where;
};

}  // namespace v0
}  // namespace ghgkit
