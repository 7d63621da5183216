# Runs one compile test: cmake -DCOMPILER=... -DCOMPILER_ID=... -DINCLUDE_DIRS=a|b -DSOURCE=x.cpp
#                              -DMODE=pass|fail -P run_compile_test.cmake
# MODE pass: SOURCE must compile.
# MODE fail: SOURCE must not compile; the compiler output must match every `// EXPECT-ERROR: <regex>`
#            line of SOURCE (and every `// EXPECT-ERROR-<COMPILER_ID>: <regex>` line for this
#            compiler, e.g. EXPECT-ERROR-GNU), and name the line marked `FORBIDDEN` (file:line:), so
#            that the failure is the intended one and not, say, a typo elsewhere in the snippet.
# The compiler runs with LC_ALL=C, so that it quotes with ASCII ' and speaks English.
cmake_minimum_required(VERSION 3.21)

foreach(var COMPILER SOURCE MODE INCLUDE_DIRS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_compile_test.cmake: -D${var}=... is required")
  endif()
endforeach()

string(REPLACE "|" ";" includes "${INCLUDE_DIRS}")
set(flags -std=c++20 -fsyntax-only)
foreach(dir IN LISTS includes)
  if(dir)
    list(APPEND flags "-I${dir}")
  endif()
endforeach()
if(COMPILER_ID STREQUAL "GNU")
  list(APPEND flags -fdiagnostics-plain-output)  # no colours, no source excerpts
elseif(COMPILER_ID MATCHES "Clang")
  list(APPEND flags -fno-color-diagnostics -fno-caret-diagnostics)
endif()

execute_process(COMMAND "${CMAKE_COMMAND}" -E env LC_ALL=C LANG=C "${COMPILER}" ${flags} "${SOURCE}"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(output "${out}${err}")

if(MODE STREQUAL "pass")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${SOURCE} must compile, but the compiler said:\n${output}")
  endif()
  message(STATUS "compiles, as it must: ${SOURCE}")
  return()
endif()
if(NOT MODE STREQUAL "fail")
  message(FATAL_ERROR "run_compile_test.cmake: MODE must be pass or fail, not '${MODE}'")
endif()

if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} must not compile, but it did")
endif()

file(STRINGS "${SOURCE}" expectations REGEX "^// EXPECT-ERROR(-${COMPILER_ID})?: ")
if(NOT expectations)
  message(FATAL_ERROR "${SOURCE}: no `// EXPECT-ERROR: <regex>` line says which error is expected")
endif()
foreach(line IN LISTS expectations)
  string(REGEX REPLACE "^// EXPECT-ERROR(-${COMPILER_ID})?: " "" regex "${line}")
  if(NOT output MATCHES "${regex}")
    message(FATAL_ERROR "${SOURCE} failed to compile, but not with the expected error.\n"
                        "Expected a match for: ${regex}\nCompiler output:\n${output}")
  endif()
endforeach()

# The error must point at the forbidden line.
file(READ "${SOURCE}" text)
string(FIND "${text}" "// FORBIDDEN" marker)
if(marker EQUAL -1)
  message(FATAL_ERROR "${SOURCE}: no line is marked `// FORBIDDEN`")
endif()
string(SUBSTRING "${text}" 0 ${marker} before)
string(REGEX MATCHALL "\n" newlines "${before}")
list(LENGTH newlines line_number)
math(EXPR line_number "${line_number} + 1")
string(FIND "${output}" "${SOURCE}:${line_number}:" at_forbidden_line)
if(at_forbidden_line EQUAL -1)
  message(FATAL_ERROR "${SOURCE} failed to compile, but no diagnostic names its forbidden line "
                      "${line_number}.\nCompiler output:\n${output}")
endif()
message(STATUS "fails to compile, as it must, at line ${line_number}: ${SOURCE}")
