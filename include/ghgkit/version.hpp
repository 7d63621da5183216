#pragma once
/// The one version number of ghgkit: CMake and pyproject.toml both read GHGKIT_VERSION_STRING.

#include <string_view>

#define GHGKIT_VERSION_STRING "0.1.0"

namespace ghgkit {
inline namespace v0 {

inline constexpr std::string_view version = GHGKIT_VERSION_STRING;

}  // namespace v0
}  // namespace ghgkit
