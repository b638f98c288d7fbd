using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Coopdir.Accounts;

/// <summary>
/// How the site sends account e-mail (password reset links); bound from "Mail". Without an SMTP host or a pickup
/// directory it sends none, and operators make reset links with `coopdir users reset-password`.
/// </summary>
public sealed class MailOptions
{
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string From { get; set; } = "Coopdir <noreply@coopdir.example>";

    /// <summary>Instead of SMTP, writes each message as an .eml file here (for a local relay that picks them up, or to look at them).</summary>
    public string? PickupDirectory { get; set; }

    public bool CanSend => !string.IsNullOrWhiteSpace(SmtpHost) || !string.IsNullOrWhiteSpace(PickupDirectory);

    internal static bool IsValid(MailOptions o) => o.SmtpPort is > 0 and < 65536 && MailboxAddress.TryParse(o.From, out _);
}

/// <summary>
/// Sends account e-mail in the background, in the order asked: a request's answer never waits for (or reveals,
/// by its timing) a message being sent. A message that cannot be sent is logged and dropped, never retried
/// forever; the person can ask again.
/// </summary>
public sealed class AccountMail(IOptions<MailOptions> options, ILogger<AccountMail> logger) : BackgroundService
{
    private readonly Channel<MimeMessage> outbox = Channel.CreateBounded<MimeMessage>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool CanSend => options.Value.CanSend;

    /// <summary>Queues a plain-text message; false when the site sends no mail or the queue is full.</summary>
    public bool Queue(string to, string subject, string body)
    {
        if (!CanSend) return false;
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        return outbox.Writer.TryWrite(message);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in outbox.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(message, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not send \"{Subject}\"", message.Subject);
            }
        }
    }

    private async Task SendAsync(MimeMessage message, CancellationToken cancel)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.PickupDirectory))
        {
            Directory.CreateDirectory(o.PickupDirectory);
            // Written under a temporary name and then renamed, so a relay never picks up half a message.
            var path = Path.Combine(o.PickupDirectory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}");
            await message.WriteToAsync(path + ".tmp", cancel);
            File.Move(path + ".tmp", path + ".eml");
            return;
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(o.SmtpHost!, o.SmtpPort, SecureSocketOptions.Auto, cancel);
        if (!string.IsNullOrEmpty(o.SmtpUser)) await smtp.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", cancel);
        await smtp.SendAsync(message, cancel);
        await smtp.DisconnectAsync(true, cancel);
    }
}
