using Library.BuildingBlocks.Hosting;
using Library.BuildingBlocks.Messaging;
using Library.Reader.Command;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost(ReaderCommandModule.Name);
builder.Services.AddLibraryMessaging(builder.Configuration);
builder.Services.AddReaderCommandModule(builder.Configuration);

var app = builder.Build();
app.UseLibraryHost();
app.MapReaderCommandEndpoints();
await app.RunLibraryHostAsync(args);
