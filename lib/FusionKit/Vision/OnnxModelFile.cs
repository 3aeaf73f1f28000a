using Onnx;

namespace FusionKit.Vision;

/// <summary>Reads an ONNX model file into its protobuf graph, with an error that names the file.</summary>
internal static class OnnxModelFile
{
    /// <exception cref="InvalidDataException">The file is not a readable ONNX model.</exception>
    public static ModelProto Read(string path)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{path}: not a readable ONNX model ({e.Message}).", e);
        }
    }
}
