// Generates opencv_rectangle_t3.txt: the pixels cv::rectangle(..., thickness 3) sets, which is how the
// reference (valeoai/LOST visualizations.py) draws its boxes. Built against Debian bookworm's OpenCV 4.6.0
// (libopencv-core406, libopencv-imgproc406 and their -dev packages, unpacked with dpkg -x):
//   g++ -std=c++17 opencv_rectangle_t3.cpp -I<root>/usr/include/opencv4 -L<root>/usr/lib/x86_64-linux-gnu \
//       -lopencv_imgproc -lopencv_core -Wl,--allow-shlib-undefined -o gen && ./gen > opencv_rectangle_t3.txt
// Format: "rect x1 y1 x2 y2 width height", then `height` rows of `width` characters, '#' where OpenCV drew.
#include <opencv2/imgproc.hpp>
#include <cstdio>

int main()
{
    const int cases[][6] = {
        {10, 8, 30, 24, 80, 64},
        {16, 16, 48, 48, 80, 64},
        {0, 0, 80, 64, 80, 64},
        {32, 16, 75, 60, 75, 60},
        {0, 16, 16, 32, 80, 64},
        {16, 16, 64, 48, 80, 64},
    };
    for (const auto& c : cases)
    {
        cv::Mat m(c[5], c[4], CV_8UC3, cv::Scalar(0, 0, 0));
        cv::rectangle(m, cv::Point(c[0], c[1]), cv::Point(c[2], c[3]), cv::Scalar(255, 0, 0), 3);
        std::printf("rect %d %d %d %d %d %d\n", c[0], c[1], c[2], c[3], c[4], c[5]);
        for (int y = 0; y < m.rows; y++)
        {
            for (int x = 0; x < m.cols; x++)
            {
                std::putchar(m.at<cv::Vec3b>(y, x)[0] ? '#' : '.');
            }
            std::putchar('\n');
        }
    }
    return 0;
}
