using System.Text;

namespace Coopdir.Core.Input;

/// <summary>
/// How an import file's text is decoded: UTF-8 (or what its byte order mark says), with every byte that is not UTF-8
/// turned into <see cref="InvalidByte"/> rather than the usual U+FFFD, so that the readers can name the line and column
/// of bytes that are not UTF-8 without mistaking a U+FFFD the source itself wrote (real files hold some) for one.
/// </summary>
public static class ImportText
{
    /// <summary>A noncharacter, which no valid text holds (and <see cref="Organizations.PlainText"/> refuses anyway).</summary>
    public const char InvalidByte = '\uFDD0';

    public static readonly Encoding Encoding =
        Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(InvalidByte.ToString()));

    public static StreamReader Open(string path) => new(path, Encoding, detectEncodingFromByteOrderMarks: true);

    public static StreamReader Open(Stream stream) => new(stream, Encoding, detectEncodingFromByteOrderMarks: true);
}
