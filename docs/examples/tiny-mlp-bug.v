// tiny-mlp.json as a hand-written behavioural circuit with a rounding bug (for docs/recipes.md).
// Ports follow the port convention: x is three signed 4-bit elements, element
// k in bits [4k+3:4k]; y is two unsigned 4-bit elements.
module tiny_mlp (input [11:0] x, output [7:0] y);
  wire signed [3:0] x0 = x[3:0];
  wire signed [3:0] x1 = x[7:4];
  wire signed [3:0] x2 = x[11:8];

  // Exact accumulators in units of 2^-4 (input frac 2 + weight frac 2);
  // the biases (frac 4) are added as they are.
  wire signed [9:0] acc0 = x0 - 2 * x1 + 3 * x2 + 3;
  wire signed [9:0] acc1 = x1 - x2 - 5;

  // ReLU, then drop 2 fractional bits rounding half up (a bug: the network rounds half to even), then saturate
  // to unsigned 4 bits.
  function [3:0] relu_round_sat(input signed [9:0] acc);
    reg [9:0] r, q;
    begin
      r = acc < 0 ? 10'd0 : acc;
      q = r >> 2;
      if (r[1:0] >= 2'd2) q = q + 1;
      relu_round_sat = q > 15 ? 4'd15 : q[3:0];
    end
  endfunction

  assign y = {relu_round_sat(acc1), relu_round_sat(acc0)};
endmodule
