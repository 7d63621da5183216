#pragma once
// SHA-256 (FIPS 180-4), for the content hash of factor databases.

#include <string>
#include <string_view>

namespace ghgkit::detail {

/// Lower-case hexadecimal SHA-256 digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace ghgkit::detail
