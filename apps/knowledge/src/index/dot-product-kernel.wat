;; scores[r] = dot(row r of the matrix, query) for every row, four lanes at a time (WebAssembly SIMD).
;; The memory is imported: one per cached tenant matrix. Offsets are in bytes; the row stride is a
;; multiple of 4 floats (rows are zero-padded), so there is no scalar tail.
(module
  (import "env" "memory" (memory 1))
  (func (export "dots") (param $matrix i32) (param $rows i32) (param $stride i32) (param $query i32) (param $scores i32)
    (local $r i32) (local $i i32) (local $row i32) (local $rowBytes i32) (local $acc v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $row (local.get $matrix))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $i (i32.const 0))
        (block $rowDone
          (loop $lanes
            (br_if $rowDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $acc
              (f32x4.add (local.get $acc)
                (f32x4.mul
                  (v128.load (i32.add (local.get $row) (local.get $i)))
                  (v128.load (i32.add (local.get $query) (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $lanes)))
        (f32.store
          (i32.add (local.get $scores) (i32.shl (local.get $r) (i32.const 2)))
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
            (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsLoop)))))
