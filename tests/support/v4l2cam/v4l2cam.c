/*
 * v4l2cam: a V4L2 capture device emulated in user space, for testing camera code on machines
 * without a camera (CI, containers, VMs without v4l2loopback).
 *
 * Loaded with LD_PRELOAD, it answers the V4L2 ioctls for one device path (a character device
 * node that exists but has no driver, e.g. `mknod /dev/video42 c 81 42`) the way a USB webcam
 * does: QUERYCAP, ENUM_FMT / ENUM_FRAMESIZES / ENUM_FRAMEINTERVALS, G/S/TRY_FMT, G/S_PARM,
 * REQBUFS with USERPTR or MMAP memory, QUERYBUF + mmap, QBUF / DQBUF, STREAMON / STREAMOFF,
 * and EINVAL for controls it does not have. The descriptor is a timerfd, so poll(2) and
 * QSocketNotifier see a frame become ready at the configured rate while a buffer is queued.
 * When the node disappears (unplugged), every request fails with ENODEV, as for a real USB
 * camera. Every other path and descriptor goes straight to libc, without taking a lock while
 * no device is open (so forked children of threaded programs cannot inherit a held lock).
 *
 * Configuration (environment, read once):
 *   V4L2CAM_DEVICE  the device path to emulate (required; nothing is emulated without it)
 *   V4L2CAM_FORMAT  YUYV (default) or MJPG
 *   V4L2CAM_SIZE    WIDTHxHEIGHT[,WIDTHxHEIGHT...] offered, the first by default (640x480)
 *   V4L2CAM_FPS     frames per second, default 15
 *   V4L2CAM_MEMORY  "mmap" refuses USERPTR buffers (as some drivers do); default: both
 *   V4L2CAM_HOLD    how many frames each picture lasts, default 10
 *   V4L2CAM_FRAMES  ':'-separated files, each one picture (YUYV: WIDTH*HEIGHT*2 raw bytes;
 *                   MJPG: one JPEG), shown in turn; read again at each STREAMON, so a test
 *                   can change what the camera sees between two starts
 *   V4L2CAM_LOG     optional file: one line per handled request ("open", "QUERYCAP", ...)
 *
 * Build: cc -shared -fPIC -O2 -o libv4l2cam.so v4l2cam.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_OPEN 8
#define MAX_BUFS 8
#define MAX_FRAMES 16
#define MAX_SIZES 4

struct frame {
    unsigned char *data;
    size_t size;
};

struct buffer {
    int queued;
    unsigned long queue_order;
    unsigned long userptr;
    void *mapped;
    size_t length;
};

struct handle {
    int fd; /* -1: free slot */
    unsigned long generation;
    int nonblocking;
    int streaming;
    int armed;
    unsigned memory;
    unsigned nbufs;
    unsigned long order;
    unsigned sequence;
    struct buffer bufs[MAX_BUFS];
};

static struct {
    int enabled;
    char device[256];
    uint32_t fourcc;
    struct { unsigned width, height; } sizes[MAX_SIZES];
    unsigned nsizes, current, fps, hold;
    int no_userptr;
    struct frame frames[MAX_FRAMES];
    unsigned nframes;
    char log[512];
} cfg;

static struct handle handles[MAX_OPEN];
static int open_handles; /* read without the lock (atomic): 0 = nothing to look up */
static unsigned long generations;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real_close)(int);
static int (*real_ioctl)(int, unsigned long, ...);
static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
static void *(*real_mmap64)(void *, size_t, int, int, int, off_t);

static void trace(const char *fmt, ...)
{
    if (!cfg.log[0])
        return;
    FILE *f = fopen(cfg.log, "a");
    if (!f)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    fclose(f);
}

static unsigned width(void) { return cfg.sizes[cfg.current].width; }
static unsigned height(void) { return cfg.sizes[cfg.current].height; }

/* Bytes of one buffer at the current size: raw YUYV, or room for any JPEG of it. */
static size_t image_size(void)
{
    return (size_t)width() * height() * (cfg.fourcc == V4L2_PIX_FMT_MJPEG ? 3 : 2);
}

static void parse_sizes(const char *text)
{
    char *list = strdup(text), *save = NULL;
    for (char *p = strtok_r(list, ",", &save); p && cfg.nsizes < MAX_SIZES;
         p = strtok_r(NULL, ",", &save)) {
        unsigned w = 0, h = 0;
        if (sscanf(p, "%ux%u", &w, &h) == 2 && w >= 16 && h >= 16 && w <= 4096 && h <= 4096
            && w % 2 == 0) {
            cfg.sizes[cfg.nsizes].width = w;
            cfg.sizes[cfg.nsizes].height = h;
            cfg.nsizes++;
        }
    }
    free(list);
}

static void after_fork_in_child(void)
{
    pthread_mutex_init(&lock, NULL);
}

static int load_frame(const char *path, struct frame *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (size <= 0) {
        fclose(f);
        return -1;
    }
    out->data = malloc((size_t)size);
    out->size = out->data ? fread(out->data, 1, (size_t)size, f) : 0;
    fclose(f);
    return out->size == (size_t)size ? 0 : -1;
}

static void configure(void)
{
    real_open = dlsym(RTLD_NEXT, "open");
    real_open64 = dlsym(RTLD_NEXT, "open64");
    real_openat = dlsym(RTLD_NEXT, "openat");
    real_openat64 = dlsym(RTLD_NEXT, "openat64");
    real_close = dlsym(RTLD_NEXT, "close");
    real_ioctl = dlsym(RTLD_NEXT, "ioctl");
    real_mmap = dlsym(RTLD_NEXT, "mmap");
    real_mmap64 = dlsym(RTLD_NEXT, "mmap64");
    for (int i = 0; i < MAX_OPEN; i++)
        handles[i].fd = -1;
    pthread_atfork(NULL, NULL, after_fork_in_child);

    const char *device = getenv("V4L2CAM_DEVICE");
    if (!device || !device[0] || strlen(device) >= sizeof cfg.device)
        return;
    snprintf(cfg.device, sizeof cfg.device, "%s", device);
    const char *log = getenv("V4L2CAM_LOG");
    if (log && strlen(log) < sizeof cfg.log)
        snprintf(cfg.log, sizeof cfg.log, "%s", log);
    const char *format = getenv("V4L2CAM_FORMAT");
    cfg.fourcc = (format && strcmp(format, "MJPG") == 0) ? V4L2_PIX_FMT_MJPEG : V4L2_PIX_FMT_YUYV;
    const char *size = getenv("V4L2CAM_SIZE");
    if (size)
        parse_sizes(size);
    if (!cfg.nsizes)
        parse_sizes("640x480");
    const char *fps = getenv("V4L2CAM_FPS");
    cfg.fps = fps ? (unsigned)atoi(fps) : 15;
    if (cfg.fps == 0 || cfg.fps > 120)
        cfg.fps = 15;
    const char *hold = getenv("V4L2CAM_HOLD");
    cfg.hold = hold ? (unsigned)atoi(hold) : 10;
    if (cfg.hold == 0)
        cfg.hold = 1;

    const char *memory = getenv("V4L2CAM_MEMORY");
    cfg.no_userptr = memory && strcmp(memory, "mmap") == 0;
    cfg.enabled = 1;
    trace("configured %s %s %ux%u (of %u sizes) @%u", cfg.device,
          cfg.fourcc == V4L2_PIX_FMT_MJPEG ? "MJPG" : "YUYV", width(), height(), cfg.nsizes,
          cfg.fps);
}

/* (Re)load V4L2CAM_FRAMES: read at each STREAMON, so one process can show new pictures. */
static void load_frames(void)
{
    for (unsigned i = 0; i < cfg.nframes; i++)
        free(cfg.frames[i].data);
    cfg.nframes = 0;
    const char *frames = getenv("V4L2CAM_FRAMES");
    if (!frames)
        return;
    char *list = strdup(frames), *save = NULL;
    for (char *p = strtok_r(list, ":", &save); p && cfg.nframes < MAX_FRAMES;
         p = strtok_r(NULL, ":", &save)) {
        struct frame fr = { 0 };
        if (load_frame(p, &fr) != 0)
            continue;
        int fits = cfg.fourcc == V4L2_PIX_FMT_YUYV ? fr.size == image_size()
                                                   : fr.size <= image_size();
        if (!fits) {
            trace("frame %s: %zu bytes do not fit", p, fr.size);
            free(fr.data);
            continue;
        }
        cfg.frames[cfg.nframes++] = fr;
    }
    free(list);
}

static struct handle *find(int fd) /* find(-1): a free slot */
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (handles[i].fd == fd)
            return &handles[i];
    return NULL;
}

static struct handle *find_open(int fd)
{
    return fd < 0 ? NULL : find(fd);
}

static int is_device(const char *path)
{
    pthread_once(&once, configure);
    return cfg.enabled && path && strcmp(path, cfg.device) == 0;
}

static int open_device(int flags)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | ((flags & O_CLOEXEC) ? TFD_CLOEXEC : 0));
    if (fd < 0)
        return -1;
    pthread_mutex_lock(&lock);
    struct handle *stale = find(fd); /* closed behind our back (close_range, dup2) */
    if (stale) {
        stale->fd = -1;
        __atomic_sub_fetch(&open_handles, 1, __ATOMIC_RELEASE);
    }
    struct handle *h = find(-1);
    if (!h) {
        pthread_mutex_unlock(&lock);
        real_close(fd);
        errno = EBUSY;
        return -1;
    }
    memset(h, 0, sizeof *h);
    h->fd = fd;
    h->generation = ++generations;
    h->nonblocking = (flags & O_NONBLOCK) != 0;
    __atomic_add_fetch(&open_handles, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&lock);
    trace("open fd=%d", fd);
    return fd;
}

static int read_mode(int flags, va_list ap)
{
    return ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) ? va_arg(ap, int) : 0;
}

/* open, open64, openat, openat64: the device path gets a fake descriptor, the rest libc's. */
#define INTERPOSE_OPEN(name, real, params, args)                                                  \
    int name params                                                                              \
    {                                                                                            \
        va_list ap;                                                                              \
        va_start(ap, flags);                                                                     \
        int mode = read_mode(flags, ap);                                                         \
        va_end(ap);                                                                              \
        if (is_device(path))                                                                     \
            return open_device(flags);                                                           \
        return real args;                                                                        \
    }

INTERPOSE_OPEN(open, real_open, (const char *path, int flags, ...), (path, flags, mode))
INTERPOSE_OPEN(open64, real_open64, (const char *path, int flags, ...), (path, flags, mode))
INTERPOSE_OPEN(openat, real_openat, (int dirfd, const char *path, int flags, ...),
               (dirfd, path, flags, mode))
INTERPOSE_OPEN(openat64, real_openat64, (int dirfd, const char *path, int flags, ...),
               (dirfd, path, flags, mode))

static int none_open(void)
{
    pthread_once(&once, configure);
    return __atomic_load_n(&open_handles, __ATOMIC_ACQUIRE) == 0;
}

int close(int fd)
{
    if (none_open())
        return real_close(fd);
    pthread_mutex_lock(&lock);
    struct handle *h = find_open(fd);
    if (h) {
        h->fd = -1;
        __atomic_sub_fetch(&open_handles, 1, __ATOMIC_RELEASE);
        trace("close fd=%d", fd);
    }
    pthread_mutex_unlock(&lock);
    return real_close(fd);
}

static void *map_buffer(size_t length, int prot, int fd, off_t offset, int *handled)
{
    *handled = 0;
    pthread_mutex_lock(&lock);
    struct handle *h = find_open(fd);
    void *result = MAP_FAILED;
    if (h) {
        *handled = 1;
        size_t index = (size_t)offset / image_size();
        if (h->memory == V4L2_MEMORY_MMAP && index < h->nbufs
            && (size_t)offset == index * image_size() && length <= image_size()) {
            result = real_mmap(NULL, length, prot, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
            if (result != MAP_FAILED)
                h->bufs[index].mapped = result;
            trace("mmap index=%zu", index);
        } else {
            errno = EINVAL;
        }
    }
    pthread_mutex_unlock(&lock);
    return result;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    if (none_open())
        return real_mmap(addr, length, prot, flags, fd, offset);
    int handled;
    void *result = map_buffer(length, prot, fd, offset, &handled);
    return handled ? result : real_mmap(addr, length, prot, flags, fd, offset);
}

void *mmap64(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    if (none_open())
        return real_mmap64(addr, length, prot, flags, fd, offset);
    int handled;
    void *result = map_buffer(length, prot, fd, offset, &handled);
    return handled ? result : real_mmap64(addr, length, prot, flags, fd, offset);
}

static void fill_format(struct v4l2_pix_format *pix)
{
    memset(pix, 0, sizeof *pix);
    pix->width = width();
    pix->height = height();
    pix->pixelformat = cfg.fourcc;
    pix->field = V4L2_FIELD_NONE;
    pix->bytesperline = cfg.fourcc == V4L2_PIX_FMT_YUYV ? width() * 2 : 0;
    pix->sizeimage = (uint32_t)image_size();
    pix->colorspace = V4L2_COLORSPACE_SRGB;
}

/* The descriptor polls readable once a frame period while streaming with a buffer queued
   (never while nothing could be dequeued: no busy loop in the caller's event loop). */
static void update_timer(struct handle *h)
{
    int want = 0;
    for (unsigned i = 0; h->streaming && i < h->nbufs && !want; i++)
        want = h->bufs[i].queued;
    if (want == h->armed)
        return;
    struct itimerspec spec = { 0 };
    if (want) {
        long period = 1000000000L / cfg.fps;
        spec.it_interval.tv_sec = period / 1000000000L;
        spec.it_interval.tv_nsec = period % 1000000000L;
        spec.it_value = spec.it_interval;
    }
    if (timerfd_settime(h->fd, 0, &spec, NULL) == 0)
        h->armed = want;
}

static int device_gone(void)
{
    return access(cfg.device, F_OK) != 0;
}

static int fail(int err)
{
    errno = err;
    return -1;
}

/* Fill the oldest queued buffer with the current frame; called with the lock held. */
static int dequeue(struct handle *h, struct v4l2_buffer *out)
{
    if (!h->streaming)
        return fail(EINVAL);
    struct buffer *next = NULL;
    unsigned index = 0;
    for (unsigned i = 0; i < h->nbufs; i++)
        if (h->bufs[i].queued && (!next || h->bufs[i].queue_order < next->queue_order)) {
            next = &h->bufs[i];
            index = i;
        }
    if (!next)
        return fail(EAGAIN);

    uint64_t expirations = 0;
    if (read(h->fd, &expirations, sizeof expirations) != sizeof expirations) {
        if (h->nonblocking)
            return fail(EAGAIN);
        int fd = h->fd;
        unsigned long generation = h->generation;
        struct pollfd p = { .fd = fd, .events = POLLIN };
        pthread_mutex_unlock(&lock);
        int ready = poll(&p, 1, 2000);
        pthread_mutex_lock(&lock);
        /* meanwhile another thread may have closed, stopped or requeued: look again */
        if (h->fd != fd || h->generation != generation || !h->streaming || !next->queued)
            return fail(EAGAIN);
        if (ready <= 0 || read(h->fd, &expirations, sizeof expirations) != sizeof expirations)
            return fail(EAGAIN);
    }

    unsigned char *target = h->memory == V4L2_MEMORY_USERPTR ? (unsigned char *)next->userptr
                                                             : next->mapped;
    size_t used = 0;
    if (cfg.nframes) {
        const struct frame *fr = &cfg.frames[(h->sequence / cfg.hold) % cfg.nframes];
        used = fr->size <= next->length ? fr->size : next->length;
        if (target)
            memcpy(target, fr->data, used);
    } else if (target) { /* no frames configured: mid-grey YUYV (or nothing for MJPG) */
        used = cfg.fourcc == V4L2_PIX_FMT_YUYV ? image_size() : 0;
        memset(target, 0x80, used);
    }
    next->queued = 0;
    update_timer(h);

    memset(out, 0, sizeof *out);
    out->index = index;
    out->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    out->memory = h->memory;
    out->bytesused = (uint32_t)used;
    out->field = V4L2_FIELD_NONE;
    out->flags = V4L2_BUF_FLAG_DONE | V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
    out->sequence = h->sequence++;
    out->length = (uint32_t)next->length;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    out->timestamp.tv_sec = now.tv_sec;
    out->timestamp.tv_usec = now.tv_nsec / 1000;
    if (h->memory == V4L2_MEMORY_USERPTR)
        out->m.userptr = next->userptr;
    else
        out->m.offset = (uint32_t)(index * image_size());
    trace("DQBUF index=%u sequence=%u bytes=%u", index, out->sequence, out->bytesused);
    return 0;
}

/* The offered size nearest to width x height (by area difference). */
static unsigned nearest_size(unsigned w, unsigned h)
{
    unsigned best = 0;
    long long best_diff = -1;
    for (unsigned i = 0; i < cfg.nsizes; i++) {
        long long diff = llabs((long long)cfg.sizes[i].width * cfg.sizes[i].height
                               - (long long)w * h);
        if (best_diff < 0 || diff < best_diff) {
            best = i;
            best_diff = diff;
        }
    }
    return best;
}

static int handle_ioctl(struct handle *h, unsigned long request, void *arg)
{
    if (device_gone()) /* unplugged: what a USB camera's driver answers from then on */
        return fail(ENODEV);
    switch ((unsigned int)request) { /* the kernel reads 32 bits; Qt passes an int */
    case VIDIOC_QUERYCAP: {
        struct v4l2_capability *cap = arg;
        memset(cap, 0, sizeof *cap);
        snprintf((char *)cap->driver, sizeof cap->driver, "v4l2cam");
        snprintf((char *)cap->card, sizeof cap->card, "Test Camera (v4l2cam)");
        snprintf((char *)cap->bus_info, sizeof cap->bus_info, "platform:v4l2cam");
        cap->version = 0x060100;
        cap->device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
        cap->capabilities = cap->device_caps | V4L2_CAP_DEVICE_CAPS;
        trace("QUERYCAP");
        return 0;
    }
    case VIDIOC_ENUM_FMT: {
        struct v4l2_fmtdesc *desc = arg;
        if (desc->type != V4L2_BUF_TYPE_VIDEO_CAPTURE || desc->index != 0)
            return fail(EINVAL);
        unsigned index = desc->index, type = desc->type;
        memset(desc, 0, sizeof *desc);
        desc->index = index;
        desc->type = type;
        desc->pixelformat = cfg.fourcc;
        desc->flags = cfg.fourcc == V4L2_PIX_FMT_MJPEG ? V4L2_FMT_FLAG_COMPRESSED : 0;
        snprintf((char *)desc->description, sizeof desc->description,
                 cfg.fourcc == V4L2_PIX_FMT_MJPEG ? "Motion-JPEG" : "YUYV 4:2:2");
        return 0;
    }
    case VIDIOC_ENUM_FRAMESIZES: {
        struct v4l2_frmsizeenum *size = arg;
        if (size->index >= cfg.nsizes || size->pixel_format != cfg.fourcc)
            return fail(EINVAL);
        size->type = V4L2_FRMSIZE_TYPE_DISCRETE;
        size->discrete.width = cfg.sizes[size->index].width;
        size->discrete.height = cfg.sizes[size->index].height;
        return 0;
    }
    case VIDIOC_ENUM_FRAMEINTERVALS: {
        struct v4l2_frmivalenum *ival = arg;
        unsigned match = nearest_size(ival->width, ival->height);
        if (ival->index != 0 || ival->pixel_format != cfg.fourcc
            || ival->width != cfg.sizes[match].width || ival->height != cfg.sizes[match].height)
            return fail(EINVAL);
        ival->type = V4L2_FRMIVAL_TYPE_DISCRETE;
        ival->discrete.numerator = 1;
        ival->discrete.denominator = cfg.fps;
        return 0;
    }
    case VIDIOC_G_FMT:
    case VIDIOC_S_FMT:
    case VIDIOC_TRY_FMT: {
        struct v4l2_format *fmt = arg;
        if (fmt->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
            return fail(EINVAL);
        unsigned chosen = cfg.current;
        if ((unsigned int)request != VIDIOC_G_FMT) /* the nearest size; the one format */
            chosen = nearest_size(fmt->fmt.pix.width, fmt->fmt.pix.height);
        if ((unsigned int)request == VIDIOC_S_FMT) {
            if (h->nbufs && chosen != cfg.current)
                return fail(EBUSY);
            cfg.current = chosen;
            trace("S_FMT %ux%u", width(), height());
        }
        unsigned previous = cfg.current;
        cfg.current = chosen;
        fill_format(&fmt->fmt.pix);
        cfg.current = previous;
        return 0;
    }
    case VIDIOC_G_PARM:
    case VIDIOC_S_PARM: {
        struct v4l2_streamparm *parm = arg;
        if (parm->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
            return fail(EINVAL);
        memset(&parm->parm, 0, sizeof parm->parm);
        parm->parm.capture.capability = V4L2_CAP_TIMEPERFRAME;
        parm->parm.capture.timeperframe.numerator = 1;
        parm->parm.capture.timeperframe.denominator = cfg.fps;
        parm->parm.capture.readbuffers = 2;
        return 0;
    }
    case VIDIOC_ENUMINPUT: {
        struct v4l2_input *input = arg;
        if (input->index != 0)
            return fail(EINVAL);
        memset(input, 0, sizeof *input);
        snprintf((char *)input->name, sizeof input->name, "Camera 1");
        input->type = V4L2_INPUT_TYPE_CAMERA;
        return 0;
    }
    case VIDIOC_G_INPUT:
        *(int *)arg = 0;
        return 0;
    case VIDIOC_S_INPUT:
        return *(int *)arg == 0 ? 0 : fail(EINVAL);
    case VIDIOC_REQBUFS: {
        struct v4l2_requestbuffers *req = arg;
        if (req->type != V4L2_BUF_TYPE_VIDEO_CAPTURE
            || (req->memory != V4L2_MEMORY_MMAP && req->memory != V4L2_MEMORY_USERPTR)
            || (req->memory == V4L2_MEMORY_USERPTR && cfg.no_userptr))
            return fail(EINVAL);
        if (h->streaming)
            return fail(EBUSY);
        unsigned count = req->count > MAX_BUFS ? MAX_BUFS : req->count;
        if (count == 1)
            count = 2;
        memset(h->bufs, 0, sizeof h->bufs);
        h->memory = req->memory;
        h->nbufs = count;
        req->count = count;
        req->capabilities = V4L2_BUF_CAP_SUPPORTS_MMAP
                            | (cfg.no_userptr ? 0 : V4L2_BUF_CAP_SUPPORTS_USERPTR);
        trace("REQBUFS memory=%s count=%u",
              req->memory == V4L2_MEMORY_USERPTR ? "USERPTR" : "MMAP", count);
        return 0;
    }
    case VIDIOC_QUERYBUF: {
        struct v4l2_buffer *buf = arg;
        if (buf->type != V4L2_BUF_TYPE_VIDEO_CAPTURE || buf->index >= h->nbufs
            || h->memory != V4L2_MEMORY_MMAP)
            return fail(EINVAL);
        unsigned index = buf->index;
        memset(buf, 0, sizeof *buf);
        buf->index = index;
        buf->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buf->memory = V4L2_MEMORY_MMAP;
        buf->length = (uint32_t)image_size();
        buf->m.offset = (uint32_t)(index * image_size());
        buf->flags = h->bufs[index].queued ? V4L2_BUF_FLAG_QUEUED : 0;
        return 0;
    }
    case VIDIOC_QBUF: {
        struct v4l2_buffer *buf = arg;
        if (buf->type != V4L2_BUF_TYPE_VIDEO_CAPTURE || buf->index >= h->nbufs
            || buf->memory != h->memory)
            return fail(EINVAL);
        struct buffer *b = &h->bufs[buf->index];
        if (b->queued)
            return fail(EINVAL);
        if (h->memory == V4L2_MEMORY_USERPTR) {
            if (!buf->m.userptr || buf->length < image_size())
                return fail(EINVAL);
            b->userptr = buf->m.userptr;
            b->length = buf->length;
        } else {
            b->length = image_size();
        }
        b->queued = 1;
        b->queue_order = h->order++;
        buf->flags |= V4L2_BUF_FLAG_QUEUED;
        update_timer(h);
        return 0;
    }
    case VIDIOC_DQBUF:
        return dequeue(h, arg);
    case VIDIOC_STREAMON:
        if (*(int *)arg != V4L2_BUF_TYPE_VIDEO_CAPTURE || !h->nbufs)
            return fail(EINVAL);
        if (!h->streaming) {
            h->streaming = 1;
            h->sequence = 0;
            load_frames();
            update_timer(h);
            trace("STREAMON frames=%u", cfg.nframes);
        }
        return 0;
    case VIDIOC_STREAMOFF:
        if (*(int *)arg != V4L2_BUF_TYPE_VIDEO_CAPTURE)
            return fail(EINVAL);
        h->streaming = 0;
        for (unsigned i = 0; i < h->nbufs; i++)
            h->bufs[i].queued = 0;
        update_timer(h);
        trace("STREAMOFF");
        return 0;
    default: /* controls (QUERYCTRL, G_CTRL, ...), standards, crop: none here */
        return fail(EINVAL);
    }
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    if (none_open())
        return real_ioctl(fd, request, arg);
    pthread_mutex_lock(&lock);
    struct handle *h = find_open(fd);
    if (!h) {
        pthread_mutex_unlock(&lock);
        return real_ioctl(fd, request, arg);
    }
    int result = arg ? handle_ioctl(h, request, arg) : fail(EFAULT);
    int saved = errno;
    pthread_mutex_unlock(&lock);
    errno = saved;
    return result;
}
