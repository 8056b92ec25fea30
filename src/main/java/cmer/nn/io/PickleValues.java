package cmer.nn.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plain values {@link RestrictedUnpickler} builds: nothing here can run code, they are records of data. */
final class PickleValues {
    private PickleValues() { }

    /** A Python tuple. */
    record Tuple(List<Object> items) {
        Object get(int i) { return items.get(i); }

        int size() { return items.size(); }
    }

    /** A module-level name the unpickler allowed (a storage type, a rebuild function, a TorchScript class). */
    record Global(String module, String name) {
        String qualified() { return module + "." + name; }
    }

    /** ('storage', type, key, location, numel): a storage in the archive's data/ folder, not yet read. */
    record StorageRef(DType dtype, String key, String location, long numel) { }

    /** A view of a storage: torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...). Offsets in elements. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) { }

    /** An instance of a TorchScript class ({@code __torch__.*}): its class name and the state BUILD gave it. */
    static final class TorchObject {
        final String className;
        final Map<Object, Object> state = new LinkedHashMap<>();
        Object rawState;                          // a non-dict state (kept for the walk)

        TorchObject(String className) { this.className = className; }

        @Override
        public String toString() { return className + state.keySet(); }
    }
}
