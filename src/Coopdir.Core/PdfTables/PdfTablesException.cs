namespace Coopdir.Core.PdfTables;

/// <summary>Why a file gave no tables at all, as opposed to a readable PDF that simply has none.</summary>
public enum UnreadablePdf
{
    NotAPdf,
    Encrypted,
    ImageOnly,
    TooLarge,
    TooManyPages,
}

/// <summary>A file <see cref="PdfTables"/> cannot read, with a one-line reason fit to show the person who uploaded it.</summary>
public sealed class PdfTablesException(UnreadablePdf reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public UnreadablePdf Reason { get; } = reason;
}
