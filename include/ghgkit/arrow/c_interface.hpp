#pragma once
/// The Arrow C Data Interface and C Stream Interface: the ABI structs, declared here from the published
/// specification (https://arrow.apache.org/docs/format/CDataInterface.html and
/// https://arrow.apache.org/docs/format/CStreamInterface.html), so ghgkit exchanges Arrow data with any
/// producer or consumer (pyarrow, polars, DuckDB, nanoarrow) without linking Arrow.
///
/// The guards ARROW_C_DATA_INTERFACE and ARROW_C_STREAM_INTERFACE are the specification's own: when
/// Arrow's `arrow/c/abi.h` (or another copy) was included first, its identical definitions are used.
/// The structs are C types in the global namespace, as the specification defines them.

#include <stdint.h>  // NOLINT(modernize-deprecated-headers): the ABI is C, spelled as the spec does

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  // Array type description
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  // Release callback
  void (*release)(struct ArrowSchema*);
  // Opaque producer-specific data
  void* private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  // Release callback
  void (*release)(struct ArrowArray*);
  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  // Callbacks providing stream functionality
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);

  // Release callback
  void (*release)(struct ArrowArrayStream*);

  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

#ifdef __cplusplus
}
#endif
