using System.Runtime.InteropServices;
using Onnx;

namespace FusionKit.Vision;

/// <summary>Reads float tensors out of ONNX initializers (float_data or raw_data, little-endian).</summary>
internal static class OnnxTensors
{
    public static float[] ToFloats(TensorProto tensor, string source)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{source}: initializer '{tensor.Name}' has data type {tensor.DataType}, expected float (1).");
        var count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        float[] values = tensor.FloatData.Count > 0
            ? [.. tensor.FloatData]
            : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
        if (values.Length != count)
            throw new InvalidDataException($"{source}: initializer '{tensor.Name}' declares {string.Join("x", tensor.Dims)} = {count} values but holds {values.Length}.");
        return values;
    }
}
