// The doctest runner of the ghgkit C++ suite. Test files: tests/cpp/<layer>/test_<header>.cpp.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
